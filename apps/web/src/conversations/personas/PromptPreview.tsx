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
  // Strings, not an object: a new object each render would restart the debounce and re-render forever.
  const [draftTemplate] = useDebouncedValue(template, 400);
  const [draftVariables] = useDebouncedValue(variablesText, 400);
  const [draftState] = useDebouncedValue(stateText, 400);
  // The last rendering stays on screen (dimmed) while the next one is on its way.
  const [rendered, setRendered] = useState<string | null>(null);
  const preview = useMutation(
    trpc.personas.preview.mutationOptions({ onSuccess: (data) => setRendered(data.rendered) }),
  );
  const { mutate } = preview;

  useEffect(() => {
    const vars = parseJsonObject(draftVariables);
    const sampleState = parseJsonObject(draftState);
    if (!draftTemplate.trim() || "error" in vars || "error" in sampleState) return;
    mutate({ template: draftTemplate, variables: vars.value, state: sampleState.value });
  }, [draftTemplate, draftVariables, draftState, mutate]);

  const templateError = fieldErrors(preview.error).find((e) => e.path === "template");
  return (
    <Paper withBorder p="md" component="section" aria-label="Prompt preview" data-testid="prompt-preview">
      <Stack gap="sm">
        <Title order={2} size="h5">
          Preview
        </Title>
        <Text size="xs" c="dimmed">
          The template is Liquid: <Code>{"{{ variables.candidate.name }}"}</Code> puts in a conversation variable,{" "}
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
          ) : rendered !== null ? (
            <ScrollArea.Autosize mah={360} style={{ opacity: preview.isPending ? 0.6 : 1 }}>
              <Code block data-testid="prompt-preview-text">
                {rendered}
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
