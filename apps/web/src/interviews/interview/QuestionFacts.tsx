import { Badge, Group, Text } from "@mantine/core";
import type { QuestionType } from "@shortlist/api/schemas";
import { durationLabel, QUESTION_TYPE_LABEL } from "../parts/labels";

/** A question's type, difficulty, skills and time limit, as small badges. */
export function QuestionFacts({
  question,
}: {
  question: { type: QuestionType; difficulty: number; skills: string[]; timeLimitSeconds?: number };
}) {
  return (
    <Group gap={4}>
      <Badge size="sm" variant="light">
        {QUESTION_TYPE_LABEL[question.type]}
      </Badge>
      <Badge size="sm" variant="light" color="grape">
        Difficulty {question.difficulty}
      </Badge>
      {question.skills.map((skill) => (
        <Badge key={skill} size="sm" variant="outline" color="gray" tt="none">
          {skill}
        </Badge>
      ))}
      {question.timeLimitSeconds !== undefined && (
        <Text size="xs" c="dimmed">
          {durationLabel(question.timeLimitSeconds)}
        </Text>
      )}
    </Group>
  );
}
