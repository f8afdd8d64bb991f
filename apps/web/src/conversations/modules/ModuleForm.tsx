import {
  Alert,
  Grid,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useNavigate } from "react-router";
import { errorMessage, errorReason, fieldErrors } from "../../lib/errors";
import { StaleVersionAlert } from "../../ui/ErrorState";
import { applyFieldErrors } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";
import { FormActions } from "../../ui/FormActions";
import { CONTEXT_OPTIONS, MODULE_TYPE_OPTIONS, TRIGGER_OPTIONS } from "../labels";
import type { ChatModule } from "../types";
import { moduleFormValues, moduleInputOf } from "./module-form";
import { ModuleTestPanel } from "./ModuleTestPanel";

const MONO = { input: { fontFamily: "var(--mantine-font-family-monospace)" } };

/** A chat module's fields beside its Test panel; read-only for non-admins. */
export function ModuleForm({ module, canEdit }: { module?: ChatModule; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm({ initialValues: moduleFormValues(module) });
  const values = form.getValues();
  const disabled = !canEdit;

  const onError = (error: unknown) => applyFieldErrors(form, error);
  const refreshLists = () => queryClient.invalidateQueries({ queryKey: trpc.chatModules.list.queryKey() });
  const create = useMutation(
    trpc.chatModules.create.mutationOptions({
      async onSuccess(saved) {
        notifications.show({ color: "green", title: "Module created", message: saved.name });
        queryClient.setQueryData(trpc.chatModules.get.queryKey({ id: saved.id }), saved);
        await refreshLists();
        await navigate(`/chat-modules/${saved.id}`, { replace: true });
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.chatModules.update.mutationOptions({
      async onSuccess(saved) {
        notifications.show({ color: "green", title: "Module saved", message: saved.name });
        queryClient.setQueryData(trpc.chatModules.get.queryKey({ id: saved.id }), saved);
        await refreshLists();
      },
      onError,
    }),
  );
  const mutation = module ? update : create;
  const submit = form.onSubmit((v) => {
    const input = moduleInputOf(v);
    if (module) update.mutate({ ...input, id: module.id, version: module.version });
    else create.mutate(input);
  });
  const reload = () =>
    module && void queryClient.invalidateQueries({ queryKey: trpc.chatModules.get.queryKey({ id: module.id }) });

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <form onSubmit={submit} noValidate aria-label={module ? `Edit ${module.name}` : "New module"}>
          <Stack>
            <TextInput label="Name" required autoFocus={!module} disabled={disabled} {...form.getInputProps("name")} />
            <Textarea
              label="Description"
              autosize
              minRows={2}
              maxRows={4}
              disabled={disabled}
              {...form.getInputProps("description")}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label="Type"
                data={MODULE_TYPE_OPTIONS}
                allowDeselect={false}
                disabled={disabled}
                {...form.getInputProps("type")}
              />
              <Select
                label="Runs"
                data={CONTEXT_OPTIONS}
                allowDeselect={false}
                disabled={disabled}
                {...form.getInputProps("executionContext")}
              />
              <Select
                label="Trigger"
                data={TRIGGER_OPTIONS}
                allowDeselect={false}
                disabled={disabled}
                {...form.getInputProps("triggerKind")}
              />
              <NumberInput
                label="Priority"
                description="Lower runs first within its stage"
                min={0}
                max={10000}
                allowDecimal={false}
                disabled={disabled}
                {...form.getInputProps("stagePriority")}
              />
            </SimpleGrid>
            {values.triggerKind === "regex" && (
              <TextInput
                label="Pattern"
                description="RE2 syntax (no backreferences or lookaround), matched against the user's message"
                required
                styles={MONO}
                disabled={disabled}
                {...form.getInputProps("triggerPattern")}
              />
            )}
            {values.triggerKind === "keywords" && (
              <TagsInput
                label="Keywords"
                description="Fires when the message contains any of them; Enter adds one"
                disabled={disabled}
                clearable
                {...form.getInputProps("triggerKeywords")}
              />
            )}
            {values.type === "advanced" && (
              <Textarea
                label="Script"
                description="JSONata: reads message, state and memories; returns { state, say, ask, quickReplies, end, memories }"
                required
                autosize
                minRows={5}
                maxRows={24}
                styles={MONO}
                disabled={disabled}
                {...form.getInputProps("script")}
              />
            )}
            <Textarea
              label="Content"
              description="Liquid text added to the prompt when the module fires"
              autosize
              minRows={3}
              maxRows={16}
              styles={MONO}
              disabled={disabled}
              {...form.getInputProps("content")}
            />
            <Group2>
              <Switch
                label="Requires a model"
                description="Skipped with the built-in provider"
                disabled={disabled}
                {...form.getInputProps("requiresAi", { type: "checkbox" })}
              />
              <Switch label="Active" disabled={disabled} {...form.getInputProps("active", { type: "checkbox" })} />
            </Group2>
            {mutation.isError && <SaveError error={mutation.error} onReload={module ? reload : undefined} />}
            {canEdit && (
              <FormActions onCancel={() => void navigate("/chat-modules")} loading={mutation.isPending}>
                {module ? "Save module" : "Create module"}
              </FormActions>
            )}
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <ModuleTestPanel
          draft={() => moduleInputOf(form.getValues())}
          onDraftErrors={(errors) => errors.forEach((e) => form.setFieldError(e.path.split(".")[0]!, e.message))}
        />
      </Grid.Col>
    </Grid>
  );
}

function Group2({ children }: { children: ReactNode }) {
  return <SimpleGrid cols={{ base: 1, sm: 2 }}>{children}</SimpleGrid>;
}

function SaveError({ error, onReload }: { error: unknown; onReload?: () => void }) {
  if (errorReason(error) === "stale_version") return <StaleVersionAlert what="module" onReload={onReload} />;
  return (
    <Alert color="red" variant="light" title="Not saved" role="alert">
      {fieldErrors(error).length ? "Fix the fields marked in red and save again." : errorMessage(error)}
    </Alert>
  );
}
