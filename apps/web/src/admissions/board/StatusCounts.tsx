import { Paper, SimpleGrid, Text } from "@mantine/core";
import type { CycleDto } from "@shortlist/api";
import { ADMISSION_STATUSES } from "@shortlist/api/schemas";
import { count, plural } from "../../lib/format";
import { Section } from "../../ui/Section";
import { STATUS_LABEL } from "../parts/labels";

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Paper withBorder p="sm" radius="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {count(value)}
      </Text>
    </Paper>
  );
}

/** How many applications the cycle holds, by status, beside its capacity and what was run on it. */
export function StatusCounts({ cycle }: { cycle: CycleDto }) {
  return (
    <Section title="Applications">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
        {ADMISSION_STATUSES.map((status) => (
          <Stat
            key={status}
            label={STATUS_LABEL[status]}
            value={cycle.counts[status] ?? 0}
            testId={`count-${status}`}
          />
        ))}
      </SimpleGrid>
      <Text size="sm" c="dimmed" mt="sm" data-testid="cycle-totals">
        {count(cycle.applications)} in all · capacity {count(cycle.capacity)} ·{" "}
        {plural(cycle.batches, "batch", "batches")} · {plural(cycle.selectionRuns, "selection run")}
      </Text>
    </Section>
  );
}
