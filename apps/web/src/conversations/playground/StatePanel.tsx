import { Alert, Button, Code, Modal, Stack, Table, Text, Textarea, VisuallyHidden } from "@mantine/core";
import { IconPencil, IconRefresh } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, errorReason, fieldErrors } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { Empty } from "../../ui/Empty";
import { ErrorState } from "../../ui/ErrorState";
import { FormActions } from "../../ui/FormActions";
import { showJson } from "../labels";
import type { JsonValue, StateEntry } from "../types";

/** The conversation's state, by module and key; each value editable as JSON. */
export function StatePanel({ conversationId }: { conversationId: string }) {
  const trpc = useTRPC();
  const state = useQuery(trpc.conversations.state.queryOptions({ conversationId }));
  const [editing, setEditing] = useState<StateEntry | null>(null);

  if (state.error && !state.data)
    return (
      <ErrorState
        error={state.error}
        title="Could not load the state"
        onRetry={() => void state.refetch()}
        retrying={state.isFetching}
      />
    );
  if (!state.data)
    return (
      <Text size="sm" c="dimmed" role="status">
        Loading…
      </Text>
    );
  if (state.data.length === 0)
    return <Empty title="No state yet" description="Modules write state as the conversation goes." />;
  return (
    <>
      <Table fz="sm" verticalSpacing={6} data-testid="state-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Module</Table.Th>
            <Table.Th>Key</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {state.data.map((entry) => (
            <Table.Tr key={entry.id} data-testid="state-row">
              <Table.Td>
                {entry.moduleName ?? (
                  <Text c="dimmed" size="sm">
                    Persona
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Code>{entry.key}</Code>
              </Table.Td>
              <Table.Td>
                <Code block style={{ maxHeight: 160, overflow: "auto" }}>
                  {showJson(entry.value)}
                </Code>
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  leftSection={<IconPencil size={12} aria-hidden />}
                  aria-label={`Edit ${entry.key}`}
                  onClick={() => setEditing(entry)}
                >
                  Edit
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={!!editing} onClose={() => setEditing(null)} title={editing ? `Edit ${editing.key}` : ""}>
        {editing && (
          <EditValue
            key={`${editing.id}:${editing.version}`}
            entry={editing}
            conversationId={conversationId}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
    </>
  );
}

function EditValue({
  entry,
  conversationId,
  onDone,
}: {
  entry: StateEntry;
  conversationId: string;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState(showJson(entry.value));
  const [parseError, setParseError] = useState<string | null>(null);
  const stateKey = trpc.conversations.state.queryKey({ conversationId });
  const save = useMutation(
    trpc.conversations.setState.mutationOptions({
      async onSuccess() {
        await queryClient.invalidateQueries({ queryKey: stateKey });
        onDone();
      },
    }),
  );
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: stateKey });
    onDone();
  };
  const submit = () => {
    let value: JsonValue;
    try {
      value = JSON.parse(text) as JsonValue;
    } catch (error) {
      setParseError(`Not valid JSON: ${(error as Error).message}`);
      return;
    }
    setParseError(null);
    save.mutate({ id: entry.id, value, version: entry.version });
  };
  const stale = errorReason(save.error) === "stale_version";

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {entry.moduleName ?? "The persona"} reads this value. Any JSON: a number, a string in quotes, an object…
        </Text>
        <Textarea
          label="Value (JSON)"
          data-autofocus
          autosize
          minRows={3}
          maxRows={16}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={parseError ?? fieldErrors(save.error).find((e) => e.path === "value")?.message}
        />
        {stale ? (
          <Alert color="orange" variant="light" title="The value changed meanwhile" role="alert">
            <Stack gap="xs" align="flex-start">
              A module or someone else changed it after you opened it; yours was not saved.
              <Button
                size="xs"
                variant="white"
                color="orange"
                leftSection={<IconRefresh size={14} aria-hidden />}
                onClick={() => void reload()}
              >
                Reload
              </Button>
            </Stack>
          </Alert>
        ) : (
          save.error &&
          !fieldErrors(save.error).length && (
            <Alert color="red" variant="light" title="Not saved" role="alert">
              {errorMessage(save.error)}
            </Alert>
          )
        )}
        <FormActions onCancel={onDone} loading={save.isPending}>
          Save value
        </FormActions>
      </Stack>
    </form>
  );
}
