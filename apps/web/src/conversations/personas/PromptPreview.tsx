import { Alert, Code, Paper, ScrollArea, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { errorMessage, fieldErrors } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { parseJsonObject } from "../labels";

const MONO = { input: { fontFamily: "var(--mantine-font-family-monospace)" } };
const SAMPLE_VARIABLES = '{\n  "candidate": { "name": "Ada Lovelace" },\n  "role": "Backend Engineer"\n}';

/** The persona's system prompt rendered as the model would see it, with sample variables and state (nothing saved). */
export function PromptPreview({ template }: { template: string }) {
  const trpc = useTRPC();
  const [variablesText, setVariablesText] = useState(SAMPLE_VARIABLES);
  const [stateText, setStateText] = useState("{}");
  const variables = parseJsonObject(variablesText);
  const state = parseJsonObject(stateText);
  const [draft] = useDebouncedValue({ template, variablesText, stateText }, 400);
  const preview = useMutation(trpc.personas.preview.mutationOptions());
  const { mutate } = preview;

  useEffect(() => {
    const vars = parseJsonObject(draft.variablesText);
    const sampleState = parseJsonObject(draft.stateText);
    if (!draft.template.trim() || "error" in vars || "error" in sampleState) return;
    mutate({ template: draft.template, variables: vars.value, state: sampleState.value });
  }, [draft, mutate]);

  const templateError = fieldErrors(preview.error).find((e) => e.path === "template");
  return (
    <Paper withBorder p="md" component="section" aria-label="Prompt preview" data-testid="prompt-preview">
      <Stack gap="sm">
        <Title order={2} size="h5">
          Preview
        </Title>
        <Text size="xs" c="dimmed">
          The template is Liquid: <Code>{"{{ candidate.name }}"}</Code> puts in a variable,{" "}
          <Code>{"{{ state.key }}"}</Code> a state value, <Code>{"{% if %}"}</Code> decides. Nothing else runs.
        </Text>
        <SimpleGrid cols={2}>
          <Textarea
            label="Sample variables (JSON)"
            autosize
            minRows={3}
            maxRows={8}
            styles={MONO}
            value={variablesText}
            onChange={(event) => setVariablesText(event.currentTarget.value)}
            error={"error" in variables ? variables.error : undefined}
          />
          <Textarea
            label="Sample state (JSON)"
            autosize
            minRows={3}
            maxRows={8}
            styles={MONO}
            value={stateText}
            onChange={(event) => setStateText(event.currentTarget.value)}
            error={"error" in state ? state.error : undefined}
          />
        </SimpleGrid>
        <div aria-live="polite">
          {preview.error ? (
            <Alert color="red" variant="light" title="Does not render">
              {templateError?.message ?? errorMessage(preview.error)}
            </Alert>
          ) : preview.data ? (
            <ScrollArea.Autosize mah={360} style={{ opacity: preview.isPending ? 0.6 : 1 }}>
              <Code block data-testid="prompt-preview-text">
                {preview.data.rendered}
              </Code>
            </ScrollArea.Autosize>
          ) : (
            <Text size="sm" c="dimmed">
              {template.trim() ? "Rendering…" : "Write a template to see it rendered."}
            </Text>
          )}
        </div>
      </Stack>
    </Paper>
  );
}
