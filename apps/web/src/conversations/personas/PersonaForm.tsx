import { Alert, Grid, Paper, Select, Stack, Switch, Textarea, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { errorMessage, errorReason, type FieldError } from "../../lib/errors";
import { StaleVersionAlert } from "../../ui/ErrorState";
import { useTRPC } from "../../lib/trpc";
import { FormActions } from "../../ui/FormActions";
import { PERSONA_MODE_OPTIONS } from "../labels";
import type { Persona } from "../types";
import { AvatarUpload } from "./AvatarUpload";
import { ModuleOrder } from "./ModuleOrder";
import { applyPersonaErrors, personaFormValues, personaInputOf } from "./persona-form";
import { PromptPreview } from "./PromptPreview";
import { ProviderFields } from "./ProviderFields";

const MONO = { input: { fontFamily: "var(--mantine-font-family-monospace)" } };

interface Props {
  /** Edit this persona; create one when absent. */
  persona?: Persona;
  canEdit: boolean;
}

/** A persona's fields, its ordered modules, its model settings and avatar, beside a live preview of its prompt. */
export function PersonaForm({ persona, canEdit }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const modules = useQuery(trpc.chatModules.list.queryOptions());
  const form = useForm({ initialValues: personaFormValues(persona) });
  const [unshown, setUnshown] = useState<FieldError[]>([]);
  const disabled = !canEdit;

  const onError = (error: unknown) => setUnshown(applyPersonaErrors(form, error));
  const refreshLists = () => queryClient.invalidateQueries({ queryKey: trpc.personas.list.queryKey() });
  const create = useMutation(
    trpc.personas.create.mutationOptions({
      async onSuccess(saved) {
        notifications.show({ color: "green", title: "Persona created", message: saved.name });
        queryClient.setQueryData(trpc.personas.get.queryKey({ id: saved.id }), saved);
        await refreshLists();
        await navigate(`/personas/${saved.id}`, { replace: true });
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.personas.update.mutationOptions({
      async onSuccess(saved) {
        notifications.show({ color: "green", title: "Persona saved", message: saved.name });
        // The page keys this form by version: setting the saved persona loads it into a fresh form.
        queryClient.setQueryData(trpc.personas.get.queryKey({ id: saved.id }), saved);
        await refreshLists();
      },
      onError,
    }),
  );
  const mutation = persona ? update : create;
  const reload = async () => {
    if (!persona) return;
    await queryClient.invalidateQueries({ queryKey: trpc.personas.get.queryKey({ id: persona.id }) });
  };

  const submit = form.onSubmit((values) => {
    setUnshown([]);
    const input = personaInputOf(values);
    if (persona) update.mutate({ ...input, id: persona.id, version: persona.version });
    else create.mutate(input);
  });

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <form onSubmit={submit} noValidate aria-label={persona ? `Edit ${persona.name}` : "New persona"}>
          <Stack>
            {persona && <AvatarUpload persona={persona} canEdit={canEdit} />}
            <TextInput label="Name" required autoFocus={!persona} disabled={disabled} {...form.getInputProps("name")} />
            <Textarea
              label="Description"
              autosize
              minRows={2}
              maxRows={5}
              disabled={disabled}
              {...form.getInputProps("description")}
            />
            <Textarea
              label="Template"
              description="The system prompt, in Liquid"
              required
              autosize
              minRows={6}
              maxRows={24}
              styles={MONO}
              disabled={disabled}
              {...form.getInputProps("template")}
            />
            <Select
              label="Mode"
              data={PERSONA_MODE_OPTIONS}
              allowDeselect={false}
              disabled={disabled}
              {...form.getInputProps("mode")}
            />
            <Textarea
              label="First message"
              description="What the persona says when a conversation starts (optional)"
              autosize
              minRows={2}
              maxRows={6}
              disabled={disabled}
              {...form.getInputProps("firstMessage")}
            />
            <Switch label="Active" disabled={disabled} {...form.getInputProps("active", { type: "checkbox" })} />
            <ModuleOrder
              value={form.getValues().moduleIds}
              onChange={(ids) => form.setFieldValue("moduleIds", ids)}
              modules={modules.data}
              disabled={disabled}
              error={form.errors.moduleIds}
            />
            {modules.error && (
              <Alert color="red" variant="light" title="Could not load the modules">
                {errorMessage(modules.error)}
              </Alert>
            )}
            <Paper withBorder p="md">
              <Title order={2} size="h5" mb="sm">
                Model
              </Title>
              <ProviderFields form={form} hasApiKey={persona?.settings.hasApiKey ?? false} disabled={disabled} />
            </Paper>

            {mutation.isError && (
              <SaveError
                error={mutation.error}
                unshown={unshown}
                onReload={persona ? () => void reload() : undefined}
              />
            )}
            {canEdit && (
              <FormActions onCancel={() => void navigate("/personas")} loading={mutation.isPending}>
                {persona ? "Save persona" : "Create persona"}
              </FormActions>
            )}
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <PromptPreview template={form.getValues().template} />
      </Grid.Col>
    </Grid>
  );
}

function SaveError({ error, unshown, onReload }: { error: unknown; unshown: FieldError[]; onReload?: () => void }) {
  if (errorReason(error) === "stale_version") return <StaleVersionAlert what="persona" onReload={onReload} />;
  const fieldCount = unshown.length;
  return (
    <Alert color="red" variant="light" title="Not saved" role="alert">
      {fieldCount > 0
        ? unshown.map((e) => `${e.path}: ${e.message}`).join("; ")
        : errorReason(error) === "invalid_input"
          ? "Fix the fields marked in red and save again."
          : errorMessage(error)}
    </Alert>
  );
}
