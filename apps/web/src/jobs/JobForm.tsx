import { Alert, MultiSelect, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { createJobInput, type EmploymentType, type JobStatus } from "@shortlist/api/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { errorMessage, errorReason, fieldErrors } from "../lib/errors";
import { applyFieldErrors, fieldResolver } from "../lib/form-errors";
import { useTRPC } from "../lib/trpc";
import { FormActions } from "../ui/FormActions";
import { cacheSavedJob } from "./cache";
import { EMPLOYMENT_TYPE_OPTIONS, JOB_STATUS_OPTIONS } from "./labels";
import type { JobDetail } from "./types";
import { usePeople } from "./usePeople";

const valuesOf = (job?: JobDetail) => ({
  title: job?.title ?? "",
  company: job?.company ?? "",
  department: job?.department ?? "",
  location: job?.location ?? "",
  employmentType: (job?.employmentType ?? null) as EmploymentType | null,
  status: (job?.status ?? "open") as JobStatus,
  hiringManagerId: job?.hiringManagerId ?? null,
  ownerIds: job?.ownerIds ?? [],
});

/** Open a job (no job given) or edit one; lazy-loaded by JobFormModal. */
export default function JobForm({ job, onDone }: { job?: JobDetail; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const people = usePeople();
  const form = useForm({ initialValues: valuesOf(job), validate: fieldResolver(createJobInput) });

  const onError = async (error: unknown) => {
    applyFieldErrors(form, error);
    if (job && errorReason(error) === "stale_version")
      await queryClient.invalidateQueries(trpc.jobs.get.queryFilter({ id: job.id }));
  };
  const create = useMutation(
    trpc.jobs.create.mutationOptions({
      async onSuccess(saved) {
        notifications.show({ color: "green", title: "Job opened", message: `${saved.title} at ${saved.company}.` });
        onDone();
        await cacheSavedJob(queryClient, trpc, saved);
        await navigate(`/jobs/${saved.id}`);
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.jobs.update.mutationOptions({
      async onSuccess(saved) {
        notifications.show({ color: "green", title: "Job saved", message: `${saved.title} at ${saved.company}.` });
        onDone();
        await cacheSavedJob(queryClient, trpc, saved);
      },
      onError,
    }),
  );
  const mutation = job ? update : create;

  const submit = form.onSubmit((values) => {
    if (job) update.mutate({ ...values, id: job.id, version: job.version });
    else create.mutate(values);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {/* Mounted after the dialog opened (lazy): data-autofocus came too late, so it takes the focus itself. */}
          <TextInput label="Title" required data-autofocus autoFocus {...form.getInputProps("title")} />
          <TextInput label="Company" required {...form.getInputProps("company")} />
          <TextInput label="Department" {...form.getInputProps("department")} />
          <TextInput label="Location" {...form.getInputProps("location")} />
          <Select
            label="Employment type"
            data={EMPLOYMENT_TYPE_OPTIONS}
            clearable
            placeholder="Not set"
            {...form.getInputProps("employmentType")}
          />
          <Select label="Status" data={JOB_STATUS_OPTIONS} allowDeselect={false} {...form.getInputProps("status")} />
        </SimpleGrid>
        <Select
          label="Hiring manager"
          data={people.options}
          searchable
          clearable
          placeholder="Type a name or email"
          nothingFoundMessage="No user matches"
          onSearchChange={people.onSearchChange}
          {...form.getInputProps("hiringManagerId")}
        />
        <MultiSelect
          label="Owners"
          description="Recruiters who look after this job"
          data={people.options}
          searchable
          clearable
          placeholder="Type a name or email"
          nothingFoundMessage="No user matches"
          onSearchChange={people.onSearchChange}
          {...form.getInputProps("ownerIds")}
        />

        {mutation.isError && <SaveError error={mutation.error} />}

        <FormActions onCancel={onDone} loading={mutation.isPending}>
          {job ? "Save job" : "Open job"}
        </FormActions>
      </Stack>
    </form>
  );
}

function SaveError({ error }: { error: unknown }) {
  if (errorReason(error) === "stale_version") {
    return (
      <Alert color="orange" variant="light" title="Someone else saved this job first" role="alert">
        Your changes were not saved. The job was reloaded: close this dialog to see theirs, then edit again.
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" title="Not saved" role="alert">
      {fieldErrors(error).length ? "Fix the fields marked in red and save again." : errorMessage(error)}
    </Alert>
  );
}
