import { Alert, Divider, Group, NumberInput, Stack, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useNavigate } from "react-router";
import { errorMessage, errorReason, type FieldError } from "../../lib/errors";
import { useFocusFirstError } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";
import { FormActions } from "../../ui/FormActions";
import { CriteriaEditor } from "./CriteriaEditor";
import { applyCycleErrors, cycleInputOf, emptyCycle } from "./cycle-form";
import { QuestionsEditor } from "./QuestionsEditor";

/**
 * A new cycle (lazy-loaded in the list's dialog); the server judges every field and names the ones refused. Numbers
 * go as typed (their inputs never clamp), so one out of range is refused on its field, never quietly changed.
 */
export default function CycleForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm({ initialValues: emptyCycle() });
  const [unshown, setUnshown] = useState<FieldError[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstError = useFocusFirstError(formRef);

  const create = useMutation(
    trpc.admissions.cycles.create.mutationOptions({
      async onSuccess(cycle) {
        notifications.show({
          color: "green",
          title: "Cycle created",
          message: `${cycle.name} is a draft: open it when ready.`,
        });
        queryClient.setQueryData(trpc.admissions.cycles.get.queryKey({ cycleId: cycle.id }), cycle);
        await queryClient.invalidateQueries({ queryKey: trpc.admissions.cycles.list.pathKey() });
        onDone();
        await navigate(`/admissions/${cycle.id}`);
      },
      onError(error) {
        setUnshown(applyCycleErrors(form, error));
        focusFirstError();
      },
    }),
  );

  const submit = form.onSubmit((values) => {
    setUnshown([]);
    create.mutate(cycleInputOf(values));
  });

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="New cycle">
      <Stack>
        <Group grow align="flex-start">
          {/* Mounted after the dialog opened (lazy): it takes the focus itself. */}
          <TextInput label="Name" required autoFocus {...form.getInputProps("name")} />
          <TextInput
            label="Slug"
            description="The public form's address: /apply/<slug>"
            required
            {...form.getInputProps("slug")}
          />
        </Group>
        <Textarea
          label="Description"
          description="Shown on the public form"
          autosize
          minRows={2}
          maxRows={8}
          {...form.getInputProps("description")}
        />
        <Group grow align="flex-start">
          <NumberInput
            label="Capacity"
            description="How many applicants to select"
            required
            min={1}
            clampBehavior="none"
            {...form.getInputProps("capacity")}
          />
          <TextInput label="Opens" description="Optional" type="datetime-local" {...form.getInputProps("opensAt")} />
          <TextInput label="Closes" description="Optional" type="datetime-local" {...form.getInputProps("closesAt")} />
        </Group>
        <Divider />
        <QuestionsEditor form={form} />
        <Divider />
        <CriteriaEditor form={form} />

        {create.isError && <SaveError error={create.error} unshown={unshown} />}
        <FormActions onCancel={onDone} loading={create.isPending}>
          Create cycle
        </FormActions>
      </Stack>
    </form>
  );
}

function SaveError({ error, unshown }: { error: unknown; unshown: FieldError[] }) {
  const reason = errorReason(error);
  return (
    <Alert color="red" variant="light" title="Not created" role="alert">
      {unshown.length > 0
        ? unshown.map((e) => `${e.path}: ${e.message}`).join("; ")
        : reason === "invalid_input" || reason === "duplicate"
          ? "Fix the fields marked in red and create it again."
          : errorMessage(error)}
    </Alert>
  );
}
