import { Alert, Button, Checkbox, Group, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { CandidateDTO } from "@shortlist/api";
import { createCandidateInput, updateCandidateInput } from "@shortlist/api/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorMessage, errorReason, fieldErrors } from "../lib/errors";
import { applyFieldErrors, fieldResolver } from "../lib/form-errors";
import { useTRPC } from "../lib/trpc";
import { FormActions } from "../ui/FormActions";
import { cacheSavedCandidate, invalidateCandidateLists } from "./cache";

const valuesOf = (c?: CandidateDTO) => ({
  name: c?.name ?? "",
  email: c?.email ?? "",
  role: c?.role ?? "",
  company: c?.company ?? "",
  assessmentDomains: c?.assessmentDomains ?? [],
  recruiterNotes: c?.recruiterNotes ?? "",
  resumeUrl: c?.resumeUrl ?? "",
  consentGiven: c?.consentGiven ?? false,
});

/** Create (no candidate) or edit; lazy-loaded by CandidateFormModal. */
export default function CandidateForm({ candidate, onDone }: { candidate?: CandidateDTO; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const editing = candidate !== undefined;
  const resolve = editing ? fieldResolver(updateCandidateInput) : fieldResolver(createCandidateInput);
  const form = useForm({
    initialValues: valuesOf(candidate),
    // The server's own schemas; id and version ride along so the strict update schema sees a whole input.
    validate: (values) => resolve(editing ? { ...values, id: candidate.id, version: candidate.version } : values),
  });

  const onSaved = async (saved: CandidateDTO) => {
    cacheSavedCandidate(queryClient, trpc, saved);
    notifications.show({ color: "green", title: "Candidate saved", message: `${saved.name} is saved.` });
    onDone();
    await invalidateCandidateLists(queryClient, trpc);
  };
  const onError = (error: unknown) => {
    applyFieldErrors(form, error);
    // The one unique value a candidate has: its email within its company.
    if (errorReason(error) === "duplicate") form.setFieldError("email", "Already used by a candidate at this company");
  };
  const create = useMutation(trpc.candidates.create.mutationOptions({ onSuccess: onSaved, onError }));
  const update = useMutation(trpc.candidates.update.mutationOptions({ onSuccess: onSaved, onError }));
  const mutation = editing ? update : create;

  const submit = form.onSubmit((values) => {
    if (editing) update.mutate({ ...values, id: candidate.id, version: candidate.version });
    else create.mutate(values);
  });

  const reload = async () => {
    if (!candidate) return;
    await queryClient.invalidateQueries(trpc.candidates.get.queryFilter({ id: candidate.id }));
    onDone();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Name" required data-autofocus {...form.getInputProps("name")} />
          <TextInput label="Email" type="email" required {...form.getInputProps("email")} />
          <TextInput label="Role applied for" required {...form.getInputProps("role")} />
          <TextInput label="Company" required {...form.getInputProps("company")} />
        </SimpleGrid>
        <TagsInput
          label="Assessment domains"
          description="Press Enter after each domain"
          placeholder="e.g. react, sql"
          clearable
          {...form.getInputProps("assessmentDomains")}
        />
        <Textarea label="Recruiter notes" autosize minRows={3} maxRows={8} {...form.getInputProps("recruiterNotes")} />
        <TextInput label="Résumé URL" type="url" placeholder="https://…" {...form.getInputProps("resumeUrl")} />
        <Checkbox
          label="The candidate consents to us processing their data"
          {...form.getInputProps("consentGiven", { type: "checkbox" })}
        />

        {mutation.isError && <SaveError error={mutation.error} onReload={editing ? reload : undefined} />}

        <FormActions onCancel={onDone} loading={mutation.isPending} disabled={mutation.isPending}>
          Save candidate
        </FormActions>
      </Stack>
    </form>
  );
}

function SaveError({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const reason = errorReason(error);
  if (reason === "stale_version") {
    return (
      <Alert color="orange" variant="light" title="Someone else saved this candidate first" role="alert">
        Your changes were not saved. Reload to see theirs, then edit again.
        {onReload && (
          <Group mt="sm">
            <Button size="xs" color="orange" onClick={onReload}>
              Reload
            </Button>
          </Group>
        )}
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" title={reason === "duplicate" ? "Already on file" : "Not saved"} role="alert">
      {fieldErrors(error).length ? "Fix the fields marked in red and save again." : errorMessage(error)}
    </Alert>
  );
}
