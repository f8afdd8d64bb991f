import { Alert, Badge, Button, Code, Group, Paper, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { IconPlayerPlay } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, fieldErrors } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { parseJsonObject, showJson } from "../labels";
import type { ChatModuleDraft, ModuleTestResult } from "../types";

const MONO = { input: { fontFamily: "var(--mantine-font-family-monospace)" } };

interface Props {
  /** The module as drafted in the form (saved or not). */
  draft: () => ChatModuleDraft;
  /** A refusal of the draft's own fields (`module.script`): shown on the form's inputs. */
  onDraftErrors: (errors: { path: string; message: string }[]) => void;
}

/** Runs the drafted module against a sample message and state: what it would do. Nothing is saved. */
export function ModuleTestPanel({ draft, onDraftErrors }: Props) {
  const trpc = useTRPC();
  const [message, setMessage] = useState("");
  const [stateText, setStateText] = useState("{}");
  const [reply, setReply] = useState("");
  const state = parseJsonObject(stateText);
  const postResponse = draft().executionContext === "POST_RESPONSE";
  const test = useMutation(
    trpc.chatModules.test.mutationOptions({
      onError(error) {
        const ofModule = fieldErrors(error)
          .filter((e) => e.path.startsWith("module."))
          .map((e) => ({ path: e.path.slice("module.".length), message: e.message }));
        if (ofModule.length) onDraftErrors(ofModule);
      },
    }),
  );
  const run = () => {
    if ("error" in state) return;
    test.mutate({
      module: draft(),
      message,
      state: state.value,
      reply: postResponse && reply.trim() ? reply : null,
    });
  };

  return (
    <Paper withBorder p="md" component="section" aria-label="Test the module" data-testid="module-test">
      <Stack gap="sm">
        <Title order={2} size="h5">
          Test
        </Title>
        <Text size="xs" c="dimmed">
          Runs the module as drafted (saved or not) against a sample message and state. Nothing is saved.
        </Text>
        <Textarea
          label="Sample message"
          autosize
          minRows={2}
          maxRows={6}
          value={message}
          onChange={(event) => setMessage(event.currentTarget.value)}
        />
        <Textarea
          label="Sample state (JSON)"
          autosize
          minRows={2}
          maxRows={8}
          styles={MONO}
          value={stateText}
          onChange={(event) => setStateText(event.currentTarget.value)}
          error={"error" in state ? state.error : undefined}
        />
        {postResponse && (
          <Textarea
            label="Sample reply"
            description="Post-response modules also read the persona's reply"
            autosize
            minRows={2}
            maxRows={6}
            value={reply}
            onChange={(event) => setReply(event.currentTarget.value)}
          />
        )}
        <Group>
          <Button
            leftSection={<IconPlayerPlay size={14} aria-hidden />}
            onClick={run}
            loading={test.isPending}
            disabled={"error" in state}
          >
            Run test
          </Button>
        </Group>
        <div aria-live="polite">
          {test.error ? (
            <Alert color="red" variant="light" title="Could not test" role="alert">
              {fieldErrors(test.error).length
                ? fieldErrors(test.error)
                    .map((e) => e.message)
                    .join("; ")
                : errorMessage(test.error)}
            </Alert>
          ) : test.data ? (
            <TestResult result={test.data} />
          ) : null}
        </div>
      </Stack>
    </Paper>
  );
}

export function TestResult({ result }: { result: ModuleTestResult }) {
  const { directives } = result;
  const hasDirectives =
    directives.say.length > 0 || directives.ask || directives.quickReplies.length > 0 || directives.end;
  return (
    <Stack gap="sm" data-testid="module-test-result">
      <Group gap="xs">
        <Badge color={result.fired ? "green" : "gray"} variant="light" data-testid="module-test-fired">
          {result.fired ? "Fired" : "Did not fire"}
        </Badge>
        <Text size="sm">{result.reason}</Text>
      </Group>
      {result.error && (
        <Alert color="red" variant="light" title="The script failed" role="alert">
          {result.error}
        </Alert>
      )}
      {result.content && (
        <div>
          <Text size="sm" fw={500}>
            Adds to the prompt
          </Text>
          <Code block>{result.content}</Code>
        </div>
      )}
      {result.stateChanges.length > 0 && (
        <div>
          <Text size="sm" fw={500}>
            State changes
          </Text>
          <StateChangesTable changes={result.stateChanges} />
        </div>
      )}
      {hasDirectives && (
        <div>
          <Text size="sm" fw={500}>
            Reply directives
          </Text>
          <Stack gap={2}>
            {directives.say.map((line, i) => (
              <Text size="sm" key={i}>
                Say: {line}
              </Text>
            ))}
            {directives.ask && <Text size="sm">Ask: {directives.ask}</Text>}
            {directives.quickReplies.length > 0 && (
              <Text size="sm">Quick replies: {directives.quickReplies.join(" · ")}</Text>
            )}
            {directives.end && <Text size="sm">Ends the conversation</Text>}
          </Stack>
        </div>
      )}
      {result.memories.length > 0 && (
        <div>
          <Text size="sm" fw={500}>
            Memories it would keep
          </Text>
          {result.memories.map((m, i) => (
            <Text size="sm" key={i}>
              {m.type} ({m.importance}): {m.content}
            </Text>
          ))}
        </div>
      )}
    </Stack>
  );
}

/** Key, before and after of each state value a module changed. */
export function StateChangesTable({ changes }: { changes: { key: string; before: unknown; after: unknown }[] }) {
  return (
    <Table withTableBorder fz="xs" verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Key</Table.Th>
          <Table.Th>Before</Table.Th>
          <Table.Th>After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((change) => (
          <Table.Tr key={change.key}>
            <Table.Td>
              <Code>{change.key}</Code>
            </Table.Td>
            <Table.Td>
              <Code>{showJson(change.before, 0)}</Code>
            </Table.Td>
            <Table.Td>
              <Code>{showJson(change.after, 0)}</Code>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
