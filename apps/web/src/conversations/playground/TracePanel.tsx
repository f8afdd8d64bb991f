import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { count } from "../../lib/format";
import { StateChangesTable } from "../modules/ModuleTestPanel";
import { CONTEXT_SHORT, STATUS_LABEL } from "../labels";
import type { ChatMessage, TraceEntry } from "../types";
import { Empty } from "../../ui/Empty";

const STAGE_LABEL: Record<TraceEntry["stage"], string> = { ...CONTEXT_SHORT, DRIVER: "Driver" };

/** A reply's tokens and latency, and each module that ran for it: fired or not and why, what it changed, how long. */
export function TracePanel({ message }: { message: ChatMessage | undefined }) {
  if (!message) return <Empty title="No reply yet" description="Send a message: its reply's trace shows here." />;
  return (
    <Stack gap="sm" data-testid="trace-panel">
      <SimpleGrid cols={3}>
        <Figure label="Tokens in" value={message.inputTokens} />
        <Figure label="Tokens out" value={message.outputTokens} />
        <Figure label="Latency" value={message.latencyMs} unit="ms" />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        Reply #{message.seq} · {STATUS_LABEL[message.status]}
      </Text>
      {message.trace.length === 0 ? (
        <Text size="sm" c="dimmed">
          No module ran for this reply.
        </Text>
      ) : (
        message.trace.map((entry, i) => <TraceItem key={`${entry.moduleId ?? entry.name}:${i}`} entry={entry} />)
      )}
    </Stack>
  );
}

function Figure({ label, value, unit }: { label: string; value: number | null; unit?: string }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value === null ? "—" : `${count(value)}${unit ? ` ${unit}` : ""}`}</Text>
    </Paper>
  );
}

function TraceItem({ entry }: { entry: TraceEntry }) {
  return (
    <Paper withBorder p="sm" data-testid="trace-entry" data-fired={entry.fired} aria-label={`Module ${entry.name}`}>
      <Stack gap={6}>
        <Group gap="xs" justify="space-between">
          <Group gap="xs">
            <Text fw={500} size="sm">
              {entry.name}
            </Text>
            <Badge size="sm" variant="light" color="gray">
              {STAGE_LABEL[entry.stage]}
            </Badge>
            <Badge size="sm" variant="light" color={entry.fired ? "green" : "gray"}>
              {entry.fired ? "Fired" : "Did not fire"}
            </Badge>
          </Group>
          {entry.ms !== undefined && (
            <Text size="xs" c="dimmed">
              {count(entry.ms)} ms
            </Text>
          )}
        </Group>
        <Text size="sm">{entry.reason}</Text>
        {entry.error && (
          <Alert color="red" variant="light" p="xs">
            {entry.error}
          </Alert>
        )}
        {entry.stateChanges.length > 0 && <StateChangesTable changes={entry.stateChanges} />}
      </Stack>
    </Paper>
  );
}
