import { Badge, Group, List, SimpleGrid, Stack, Text } from "@mantine/core";
import type { CycleDto } from "@shortlist/api";
import { count, formatDateTime } from "../../lib/format";
import { Section } from "../../ui/Section";

/** What the cycle asks and how it scores: its description, dates, questions and weighted criteria. */
export function CycleDetails({ cycle }: { cycle: CycleDto }) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <Section title="Form">
        <Stack gap="xs">
          {cycle.description && (
            <Text size="sm" style={{ whiteSpace: "pre-line" }}>
              {cycle.description}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            Opens {formatDateTime(cycle.opensAt)} · closes {formatDateTime(cycle.closesAt)}
          </Text>
          <List size="sm" spacing={4}>
            {cycle.questions.map((q) => (
              <List.Item key={q.key}>
                <Group gap={6} component="span">
                  <Text span size="sm">
                    {q.label}
                  </Text>
                  <Text span size="xs" c="dimmed" ff="monospace">
                    {q.key} · {q.kind} · ≤ {count(q.maxLength)} chars
                  </Text>
                  {q.required && (
                    <Badge size="xs" variant="outline">
                      Required
                    </Badge>
                  )}
                  {q.identifying && (
                    <Badge size="xs" color="red" variant="light">
                      Identifying: sealed
                    </Badge>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        </Stack>
      </Section>
      <Section title="Criteria">
        <List size="sm" spacing={4}>
          {cycle.criteria.map((c) => (
            <List.Item key={c.key}>
              <Text span size="sm" fw={500}>
                {c.label}
              </Text>{" "}
              <Text span size="xs" c="dimmed" ff="monospace">
                {c.key} · weight {c.weight}
              </Text>
              {c.description && (
                <Text size="xs" c="dimmed">
                  {c.description}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      </Section>
    </SimpleGrid>
  );
}
