import { Button, Group, Select, Stack } from "@mantine/core";
import { IconPlayerPlay } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../lib/trpc";
import { ActionError } from "../../ui/ErrorState";
import { TestResult } from "../modules/ModuleTestPanel";

/** Runs one of the persona's ON_DEMAND modules now, against the last message and the state. */
export function RunModule({ conversationId, personaId }: { conversationId: string; personaId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const persona = useQuery(trpc.personas.get.queryOptions({ id: personaId }));
  const onDemand = (persona.data?.modules ?? []).filter((m) => m.executionContext === "ON_DEMAND" && m.active);
  const [moduleId, setModuleId] = useState<string | null>(null);
  const run = useMutation(
    trpc.conversations.runModule.mutationOptions({
      async onSuccess() {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.conversations.state.queryKey({ conversationId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.conversations.memories.pathKey() }),
        ]);
      },
    }),
  );
  if (persona.data && onDemand.length === 0) return null;
  const chosen = moduleId ?? onDemand[0]?.id ?? null;

  return (
    <Stack gap="xs" data-testid="run-module">
      <Group align="flex-end" gap="xs">
        <Select
          label="On-demand module"
          data={onDemand.map((m) => ({ value: m.id, label: m.name }))}
          value={chosen}
          onChange={setModuleId}
          allowDeselect={false}
          placeholder={persona.isPending ? "Loading…" : undefined}
          style={{ flex: 1 }}
        />
        <Button
          variant="default"
          leftSection={<IconPlayerPlay size={14} aria-hidden />}
          disabled={!chosen}
          loading={run.isPending}
          onClick={() => chosen && run.mutate({ conversationId, moduleId: chosen })}
        >
          Run
        </Button>
      </Group>
      <ActionError error={run.error} title="The module did not run" onDismiss={() => run.reset()} />
      {run.data && <TestResult result={run.data} />}
    </Stack>
  );
}
