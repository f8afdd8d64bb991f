import { Button, Group, Select, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { startIntakeInput } from "@shortlist/api/schemas";
import { IconMessagePlus } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearchParams } from "react-router";
import { applyFieldErrors, fieldResolver } from "../lib/form-errors";
import { fieldErrors } from "../lib/errors";
import { useTRPC } from "../lib/trpc";
import { FormError } from "../ui/ErrorState";

/** A profession (and optionally a job to fill) → intake.start → the intake's screen. */
export function StartIntakeForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const jobs = useQuery(trpc.jobs.list.queryOptions({}));
  // The job page's "Vacancy intake" link names its job.
  const [params] = useSearchParams();
  const form = useForm({
    initialValues: { profession: "", jobId: params.get("jobId") },
    validate: fieldResolver(startIntakeInput),
  });
  const start = useMutation(
    trpc.intake.start.mutationOptions({
      async onSuccess(view) {
        queryClient.setQueryData(trpc.intake.get.queryKey({ id: view.session.id }), view);
        await queryClient.invalidateQueries(trpc.intake.list.pathFilter());
        await navigate(`/intake/${view.session.id}`);
      },
      onError: (error) => void applyFieldErrors(form, error),
    }),
  );
  const jobOptions = (jobs.data ?? []).map((job) => ({ value: job.id, label: `${job.title} · ${job.company}` }));

  return (
    <form onSubmit={form.onSubmit((values) => start.mutate(values))} noValidate>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Profession"
          description="The role to fill, as you would say it"
          placeholder="ICU nurse, Account executive, Senior Backend Engineer"
          required
          w={420}
          {...form.getInputProps("profession")}
        />
        <Select
          label="Existing job"
          description="Optional: fill this job's profile instead of opening a draft job"
          placeholder={jobs.isPending ? "Loading jobs…" : "A new draft job"}
          data={jobOptions}
          searchable
          clearable
          nothingFoundMessage="No job matches"
          w={360}
          {...form.getInputProps("jobId")}
          error={form.errors.jobId ?? (jobs.isError ? "Could not load the jobs" : undefined)}
        />
        <Button type="submit" loading={start.isPending} leftSection={<IconMessagePlus size={16} aria-hidden />}>
          Start intake
        </Button>
      </Group>
      {start.isError && !fieldErrors(start.error).length && (
        <FormError error={start.error} title="The intake did not start" />
      )}
    </form>
  );
}
