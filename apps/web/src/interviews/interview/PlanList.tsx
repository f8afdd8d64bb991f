import { Badge, Group, Paper, Stack, Text } from "@mantine/core";
import type { InterviewDTO } from "@shortlist/api";
import { formatDateTime } from "../../lib/format";
import { Section } from "../../ui/Section";
import { QuestionFacts } from "./QuestionFacts";

/** The plan as it stands (read-only): what is asked, in order, and why. */
export function PlanList({ interview }: { interview: InterviewDTO }) {
  const plan = [...interview.plan].sort((a, b) => a.position - b.position);
  return (
    <Section title="Plan">
      <Stack gap="xs" component="ol" p={0} m={0} aria-label="Interview plan" data-testid="plan">
        {plan.map((q, index) => (
          <Paper key={q.id} component="li" withBorder p="xs" style={{ listStyle: "none" }} data-testid="plan-question">
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Text size="sm" c="dimmed" w={24}>
                {index + 1}.
              </Text>
              <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="plan-question-text">
                  {q.text}
                </Text>
                <QuestionFacts question={q} />
                {q.reason && (
                  <Text size="xs" c="dimmed" fs="italic">
                    {q.reason}
                  </Text>
                )}
              </Stack>
              {q.askedAt && (
                <Badge variant="light" color="blue" title={`Asked ${formatDateTime(q.askedAt)}`}>
                  Asked
                </Badge>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
    </Section>
  );
}
