import { Alert, Button, Code, Grid, Group, Modal, Paper, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import type { MailTemplateDTO } from "@shortlist/api";
import { IconRestore } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { errorMessage, errorReason, fieldErrors } from "../lib/errors";
import { applyFieldErrors } from "../lib/form-errors";
import { useTRPC } from "../lib/trpc";
import { FormError } from "../ui/ErrorState";

/** Edits one template; the preview renders the draft with sample values as the admin types. */
export function TemplateEditor({ template }: { template: MailTemplateDTO }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { subject: template.subject, body: template.body } });
  const [draft] = useDebouncedValue(form.values, 400);
  const [confirmReset, setConfirmReset] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.mail.templates.list.queryKey() });

  const preview = useMutation(trpc.mail.templates.preview.mutationOptions());
  const { mutate: renderPreview } = preview;
  useEffect(() => {
    if (draft.subject.trim() && draft.body.trim()) renderPreview({ key: template.key, ...draft });
  }, [draft, template.key, renderPreview]);

  const save = useMutation(
    trpc.mail.templates.update.mutationOptions({
      onSuccess() {
        notifications.show({
          color: "green",
          title: "Template saved",
          message: `${template.label}: used from now on.`,
        });
        refresh();
      },
      onError(error) {
        applyFieldErrors(form, error);
      },
    }),
  );
  const reset = useMutation(
    trpc.mail.templates.reset.mutationOptions({
      onSuccess() {
        setConfirmReset(false);
        notifications.show({ color: "green", title: "Back to the default", message: template.label });
        refresh();
      },
    }),
  );
  const previewFieldErrors = fieldErrors(preview.error);
  const saveError =
    errorReason(save.error) === "stale_version"
      ? new Error("Another admin saved this template first: reload the page to see their version.")
      : fieldErrors(save.error).length
        ? null
        : save.error;

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <form
          noValidate
          onSubmit={form.onSubmit((values) => save.mutate({ key: template.key, version: template.version, ...values }))}
        >
          <Stack>
            <TextInput
              label="Subject"
              data-autofocus
              {...form.getInputProps("subject")}
              error={form.errors.subject ?? previewFieldErrors.find((e) => e.path === "subject")?.message}
            />
            <Textarea
              label="Message"
              autosize
              minRows={10}
              maxRows={30}
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
              {...form.getInputProps("body")}
              error={form.errors.body ?? previewFieldErrors.find((e) => e.path === "body")?.message}
            />
            <div>
              <Text size="sm" fw={500}>
                Values it may use
              </Text>
              <Stack gap={2} mt={4}>
                {template.variables.map((v) => (
                  <Text size="xs" key={v.name}>
                    <Code>{`{{ ${v.name} }}`}</Code> {v.description}
                  </Text>
                ))}
              </Stack>
            </div>
            <FormError error={saveError} title="Template not saved" />
            <Group justify="space-between">
              {template.isDefault ? (
                <Text size="xs" c="dimmed">
                  The built-in text
                </Text>
              ) : (
                <Button
                  variant="subtle"
                  color="gray"
                  leftSection={<IconRestore size={14} aria-hidden />}
                  onClick={() => setConfirmReset(true)}
                >
                  Reset to the default
                </Button>
              )}
              <Group>
                <Button variant="default" onClick={() => form.reset()} disabled={!form.isDirty()}>
                  Undo changes
                </Button>
                <Button type="submit" loading={save.isPending}>
                  Save template
                </Button>
              </Group>
            </Group>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Paper withBorder p="md" data-testid="template-preview" aria-live="polite">
          <Title order={2} size="h5" mb="xs">
            Preview, with sample values
          </Title>
          {preview.data ? (
            <Stack gap={4} style={{ opacity: preview.isPending ? 0.6 : 1 }}>
              <Text size="sm">
                <b>Subject:</b> {preview.data.subject}
              </Text>
              <Text size="sm" mt="xs" style={{ whiteSpace: "pre-wrap" }}>
                {preview.data.text}
              </Text>
            </Stack>
          ) : null}
          {preview.error && (
            <Alert color="red" variant="light" title="Does not render" mt="sm">
              {errorMessage(preview.error)}
            </Alert>
          )}
        </Paper>
      </Grid.Col>
      <Modal opened={confirmReset} onClose={() => setConfirmReset(false)} title={`Reset “${template.label}”?`}>
        <Stack>
          <Text size="sm">Your version is replaced by the built-in text. Messages already written keep theirs.</Text>
          <FormError error={reset.error} title="Not reset" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmReset(false)} data-autofocus>
              Cancel
            </Button>
            <Button color="red" loading={reset.isPending} onClick={() => reset.mutate({ key: template.key })}>
              Reset
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Grid>
  );
}
