import { Badge, Group, Progress, Stack, Table, Text } from "@mantine/core";
import type { EvaluationDTO } from "@shortlist/api";
import { fixed, formatDateTime, percent } from "../../lib/format";
import { scoreColor } from "../parts/labels";

const EVALUATOR_LABEL: Record<EvaluationDTO["evaluator"], string> = {
  builtin: "Built-in evaluator",
  model: "Model judge",
};

/** One evaluation of an answer: who scored it (and which version), the score, and each rubric criterion. */
export function EvaluationView({ evaluation }: { evaluation: EvaluationDTO }) {
  return (
    <Stack gap={6} data-testid="evaluation" data-evaluator={evaluation.evaluator}>
      <Group gap="xs">
        <Text size="sm" fw={500}>
          {EVALUATOR_LABEL[evaluation.evaluator]}
        </Text>
        <Badge size="sm" variant="outline" color="gray" tt="none">
          {evaluation.evaluatorVersion}
        </Badge>
        <Badge size="sm" variant="light" color={scoreColor(evaluation.score)}>
          {fixed(evaluation.score, 0)}
        </Badge>
        <Text size="xs" c="dimmed">
          {formatDateTime(evaluation.createdAt)}
        </Text>
      </Group>
      {evaluation.feedback && (
        <Text size="sm" c="dimmed">
          {evaluation.feedback}
        </Text>
      )}
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Criterion</Table.Th>
              <Table.Th scope="col" w={140}>
                Score
              </Table.Th>
              <Table.Th scope="col">Feedback</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {evaluation.criteria.map((c) => (
              <Table.Tr key={c.criterion}>
                <Table.Td>
                  {c.criterion}
                  <Text size="xs" c="dimmed">
                    weight {c.weight}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Progress
                      value={c.score * 100}
                      color={scoreColor(c.score * 100)}
                      w={70}
                      aria-label={`${c.criterion}: ${percent(c.score)}`}
                    />
                    <Text size="xs">{percent(c.score)}</Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.feedback}</Text>
                  {c.matched.length > 0 && (
                    <Group gap={4} mt={4}>
                      {c.matched.map((point) => (
                        <Badge key={point} size="xs" variant="light" color="green" tt="none">
                          {point}
                        </Badge>
                      ))}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
