import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { CandidateDTO } from "@shortlist/api";
import { createCandidateInput, updateCandidateInput } from "@shortlist/api/schemas";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link } from "react-router";
import { errorDetails, errorMessage, errorReason, fieldErrors } from "../lib/errors";
import { applyFieldErrors, fieldResolver } from "../lib/form-errors";
import { useTRPC } from "../lib/trpc";
import { FormActions } from "../ui/FormActions";
import { cacheSavedCandidate, invalidateCandidateLists } from "./cache";

/** The Job select's choice for a job not listed yet: its title and company are typed, and the server files under it. */
const NEW_JOB = "new";

const valuesOf = (c?: CandidateDTO) => ({
  name: c?.name ?? "",
  email: c?.email ?? "",
  /** A job's id, NEW_JOB, or "" for no job yet. */
  job: "",
  role: "",
  company: "",
  tags: c?.tags ?? [],
  assessmentDomains: c?.assessmentDomains ?? [],
  recruiterNotes: c?.recruiterNotes ?? "",
  resumeUrl: c?.resumeUrl ?? "",
  consentGiven: c?.consentGiven ?? false,
});
type Values = ReturnType<typeof valuesOf>;

/** The create input of the form's values: the person, and the job chosen or typed (none: not filed under a job). */
function createInputOf({ job, role, company, ...person }: Values) {
  if (job === NEW_JOB) return { ...person, role, company };
  return job ? { ...person, jobId: job } : person;
}

const updateInputOf = ({ job: _job, role: _role, company: _company, ...person }: Values, c: CandidateDTO) => ({
  ...person,
  id: c.id,
  version: c.version,
});

/** Create (no candidate) or edit; lazy-loaded by CandidateFormModal. */
export default function CandidateForm({ candidate, onDone }: { candidate?: CandidateDTO; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const editing = candidate !== undefined;
  const resolve = editing ? fieldResolver(updateCandidateInput) : fieldResolver(createCandidateInput);
  const form = useForm({
    initialValues: valuesOf(candidate),
    // The server's own schemas, on the input the form would send.
    validate: (values) => {
      const errors = resolve(editing ? updateInputOf(values, candidate) : createInputOf(values));
      // The job's own errors show on the Job select when it was chosen from the list.
      if (errors.jobId) errors.job = errors.jobId;
      return errors;
    },
  });
  const jobs = useQuery(trpc.jobs.list.queryOptions({}, { enabled: !editing }));
  // The form's code arrives after the dialog opened (and focused its close button): the first field takes the focus.
  const firstField = useRef<HTMLInputElement>(null);
  useEffect(() => firstField.current?.focus(), []);

  const onSaved = async (saved: CandidateDTO) => {
    cacheSavedCandidate(queryClient, trpc, saved);
    notifications.show({ color: "green", title: "Candidate saved", message: `${saved.name} is saved.` });
    onDone();
    await invalidateCandidateLists(queryClient, trpc);
  };
  const onError = (error: unknown) => {
    applyFieldErrors(form, error);
    const jobError = fieldErrors(error).find((e) => e.path === "jobId");
    if (jobError) form.setFieldError("job", jobError.message);
    // One person per email: say who holds it (the alert below links to them).
    if (errorReason(error) === "duplicate")
      form.setFieldError("email", `Already used by ${holderOf(error)?.name ?? "someone on file"}`);
  };
  const create = useMutation(trpc.candidates.create.mutationOptions({ onSuccess: onSaved, onError }));
  const update = useMutation(trpc.candidates.update.mutationOptions({ onSuccess: onSaved, onError }));
  const mutation = editing ? update : create;

  const submit = form.onSubmit((values) => {
    if (editing) update.mutate(updateInputOf(values, candidate));
    else create.mutate(createInputOf(values));
  });

  const reload = async () => {
    if (!candidate) return;
    await queryClient.invalidateQueries(trpc.candidates.get.queryFilter({ id: candidate.id }));
    onDone();
  };

  const jobOptions = [
    ...(jobs.data ?? [])
      .filter((j) => j.status !== "closed")
      .map((j) => ({
        value: j.id,
        label: `${j.title} · ${j.company}${j.status === "open" ? "" : ` (${j.status.replace("_", " ")})`}`,
      })),
    { value: NEW_JOB, label: "Another job: type its title and company" },
  ];

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Name" required data-autofocus ref={firstField} {...form.getInputProps("name")} />
          <TextInput label="Email" type="email" required {...form.getInputProps("email")} />
        </SimpleGrid>
        {!editing && (
          <Stack gap="xs">
            <Select
              label="Job"
              description="Files the person in the job's first stage; leave empty to add them to a job later"
              placeholder={jobs.isPending ? "Loading jobs…" : "No job yet"}
              searchable
              clearable
              nothingFoundMessage="No such job: choose “Another job”"
              data={jobOptions}
              {...form.getInputProps("job")}
              onChange={(value) => form.setFieldValue("job", value ?? "")}
              value={form.getValues().job || null}
              error={
                form.errors.job ?? (jobs.isError ? `Could not load the jobs: ${errorMessage(jobs.error)}` : undefined)
              }
            />
            {form.getValues().job === NEW_JOB && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label="Role applied for" required {...form.getInputProps("role")} />
                <TextInput
                  label="Company"
                  required
                  description="The job with this title and company (any case), made when missing"
                  {...form.getInputProps("company")}
                />
              </SimpleGrid>
            )}
          </Stack>
        )}
        <TagsInput label="Tags" description="Press Enter after each tag" clearable {...form.getInputProps("tags")} />
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

        {mutation.isError && (
          <SaveError error={mutation.error} onReload={editing ? reload : undefined} onNavigate={onDone} />
        )}

        <FormActions onCancel={onDone} loading={mutation.isPending} disabled={mutation.isPending}>
          Save candidate
        </FormActions>
      </Stack>
    </form>
  );
}

/** Who already uses the email, from the duplicate error's details. */
function holderOf(error: unknown): { id: string; name: string } | null {
  const { id, name } = errorDetails(error);
  return typeof id === "string" && typeof name === "string" ? { id, name } : null;
}

function SaveError({ error, onReload, onNavigate }: { error: unknown; onReload?: () => void; onNavigate: () => void }) {
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
  const holder = reason === "duplicate" ? holderOf(error) : null;
  if (holder) {
    return (
      <Alert color="orange" variant="light" title="Already on file" role="alert" data-testid="duplicate-email">
        {holder.name} already uses this email —{" "}
        <Anchor component={Link} to={`/candidates/${holder.id}`} size="sm" onClick={onNavigate}>
          open their record
        </Anchor>
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" title={reason === "duplicate" ? "Already on file" : "Not saved"} role="alert">
      {fieldErrors(error).length ? "Fix the fields marked in red and save again." : errorMessage(error)}
    </Alert>
  );
}
