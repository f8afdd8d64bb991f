import { Badge, Group, Paper, Stack, Table, Text } from "@mantine/core";
import type { EvaluationDto, JudgeDto, ScoringCriterion } from "@shortlist/api";
import type { JudgeVerdict } from "@shortlist/api/schemas";
import { formatDateTime } from "../../lib/format";
import { Empty } from "../../ui/Empty";
import { score10 } from "../parts/labels";

const VERDICT_COLOR: Record<JudgeVerdict, string> = { accept: "green", adjust: "yellow", reject: "red" };
const VERDICT_LABEL: Record<JudgeVerdict, string> = { accept: "Accepted", adjust: "Adjusted", reject: "Rejected" };

const scoresText = (scores: Record<string, number>, criteria: ScoringCriterion[]) =>
  criteria
    .filter((c) => scores[c.key] !== undefined)
    .map((c) => `${c.label} ${score10(scores[c.key])}`)
    .join(" · ");

function Judge({ judge, criteria }: { judge: JudgeDto; criteria: ScoringCriterion[] }) {
  return (
    <Group gap="xs" align="baseline" wrap="nowrap" data-testid="judge-verdict">
      <Badge size="sm" color={VERDICT_COLOR[judge.verdict]} variant="light">
        {VERDICT_LABEL[judge.verdict]}
      </Badge>
      <Text size="xs">
        by {judge.judgeId}
        {judge.adjustedScores && `: ${scoresText(judge.adjustedScores, criteria)}`}
        {judge.reason && ` — ${judge.reason}`}
      </Text>
    </Group>
  );
}

/** Every evaluation of the application: outside workers' (with their judges' verdicts) and reviewers'. */
export function Evaluations({ evaluations, criteria }: { evaluations: EvaluationDto[]; criteria: ScoringCriterion[] }) {
  if (!evaluations.length)
    return <Empty title="No evaluations yet" description="Imported results and reviewers' scores appear here." />;
  return (
    <Stack gap="sm">
      {evaluations.map((e) => (
        <Paper key={e.id} withBorder p="sm" radius="md" data-testid="evaluation">
          <Group justify="space-between" gap="xs">
            <Group gap="xs">
              <Text size="sm" fw={600}>
                {e.evaluatorId}
              </Text>
              <Badge size="xs" variant="outline" color={e.kind === "reviewer" ? "grape" : "blue"}>
                {e.kind === "reviewer" ? "Reviewer" : "Worker"}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {formatDateTime(e.createdAt)}
            </Text>
          </Group>
          <Table withRowBorders={false} verticalSpacing={2} mt={4} w="auto">
            <Table.Tbody>
              {criteria.map((c) => (
                <Table.Tr key={c.key}>
                  <Table.Th scope="row" fw={400} c="dimmed" fz="xs" pl={0}>
                    {c.label}
                  </Table.Th>
                  <Table.Td ff="monospace" fz="sm">
                    {score10(e.scores[c.key])}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {e.rationale && (
            <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap" }}>
              {e.rationale}
            </Text>
          )}
          {e.judges.length > 0 && (
            <Stack gap={2} mt="xs">
              {e.judges.map((j) => (
                <Judge key={j.judgeId} judge={j} criteria={criteria} />
              ))}
            </Stack>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
