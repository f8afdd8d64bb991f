import { Alert, Badge, Blockquote, Button, Group, Modal, Paper, Stack, Text } from "@mantine/core";
import type { AnswerDTO, PlannedQuestionDTO, RubricAgreementDTO } from "@shortlist/api";
import { answerAudioDownloadPath } from "@shortlist/api/schemas";
import { IconPencil } from "@tabler/icons-react";
import { useState } from "react";
import { fixed, formatDateTime, percent, plural } from "../../lib/format";
import { useHasRole } from "../../lib/session";
import { durationLabel, scoreColor } from "../parts/labels";
import { EvaluationView } from "./EvaluationView";
import { OverrideForm } from "./OverrideForm";
import { QuestionFacts } from "./QuestionFacts";

export type ResultAnswer = AnswerDTO & { question: PlannedQuestionDTO };

/** One answer: the question, what the candidate wrote, each evaluation, the final score and its override. */
export function AnswerCard({
  interviewId,
  number,
  answer,
  agreement,
}: {
  interviewId: string;
  number: number;
  answer: ResultAnswer;
  agreement: RubricAgreementDTO | undefined;
}) {
  const canOverride = useHasRole("members");
  const canListen = useHasRole("writers");
  const [overriding, setOverriding] = useState(false);
  const { question, override } = answer;
  return (
    <Paper
      withBorder
      p="md"
      component="article"
      aria-label={`Answer to question ${number}`}
      data-testid="interview-answer"
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Text size="sm" fw={600}>
              Question {number}
            </Text>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {question.text}
            </Text>
            <QuestionFacts question={question} />
          </Stack>
          <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
            <Badge
              size="xl"
              variant="light"
              color={scoreColor(answer.finalScore)}
              data-testid="final-score"
              aria-label={answer.finalScore === null ? "Not scored yet" : `Final score ${fixed(answer.finalScore, 0)}`}
            >
              {answer.finalScore === null ? "—" : fixed(answer.finalScore, 0)}
            </Badge>
            <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
              {override ? "overridden" : "final score"}
            </Text>
          </Stack>
        </Group>

        <Blockquote p="sm" color="gray" data-testid="answer-text" style={{ whiteSpace: "pre-wrap" }}>
          {answer.text}
        </Blockquote>
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            Answered {formatDateTime(answer.submittedAt)}
            {answer.secondsTaken !== null && ` in ${durationLabel(answer.secondsTaken)}`}
          </Text>
          {answer.overTime && (
            <Badge size="xs" color="orange" variant="light">
              Over time
            </Badge>
          )}
        </Group>
        {answer.hasAudio && canListen && (
          <audio
            controls
            preload="none"
            src={answerAudioDownloadPath.build({ id: answer.id })}
            aria-label={`Recording of the answer to question ${number}`}
          />
        )}

        {answer.evaluations.length === 0 ? (
          <Text size="sm" c="dimmed">
            Not evaluated yet.
          </Text>
        ) : (
          answer.evaluations.map((evaluation) => <EvaluationView key={evaluation.id} evaluation={evaluation} />)
        )}

        {override && (
          <Alert
            color="violet"
            variant="light"
            title={`Overridden to ${fixed(override.score, 0)}`}
            data-testid="override"
          >
            <Text size="sm">{override.reason}</Text>
            <Text size="xs" c="dimmed">
              {override.by ? `${override.by.name}, ` : ""}
              {formatDateTime(override.at)}
            </Text>
          </Alert>
        )}
        {agreement && agreement.overrides > 0 && (
          <Text size="xs" c="dimmed" data-testid="rubric-agreement">
            This question&apos;s rubric: {plural(agreement.overrides, "override")} by reviewers,{" "}
            {agreement.agreement === null ? "—" : percent(agreement.agreement)} within 10 points of the built-in score
            {agreement.meanAbsoluteDifference !== null &&
              ` (mean difference ${fixed(agreement.meanAbsoluteDifference, 1)} points)`}
            .
          </Text>
        )}
        {canOverride && (
          <Group>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPencil size={14} aria-hidden />}
              onClick={() => setOverriding(true)}
              aria-label={`Override the score of question ${number}`}
            >
              {override ? "Change override" : "Override score"}
            </Button>
            <Modal
              opened={overriding}
              onClose={() => setOverriding(false)}
              title={`Override the score of question ${number}`}
              size="lg"
            >
              {overriding && (
                <OverrideForm interviewId={interviewId} answer={answer} onDone={() => setOverriding(false)} />
              )}
            </Modal>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
