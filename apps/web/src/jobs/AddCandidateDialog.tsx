import { Alert, Anchor, Button, Checkbox, Group, Modal, SimpleGrid, Stack, TagsInput, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { createCandidateInput } from "@shortlist/api/schemas";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { errorDetails, errorMessage, errorReason, fieldErrors } from "../lib/errors";
import { applyFieldErrors, fieldResolver } from "../lib/form-errors";
import { useTRPC } from "../lib/trpc";
import { FormActions } from "../ui/FormActions";
import { refreshJob } from "./refresh";
import type { JobDetail } from "./types";

interface Props {
  job: JobDetail;
  opened: boolean;
  onClose: () => void;
}

/** A new person filed under this job in its first stage; a person already on file can be added instead. */
export function AddCandidateDialog({ job, opened, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Add a candidate to ${job.title}`} size="lg">
      {opened && <AddCandidateForm job={job} onDone={onClose} />}
    </Modal>
  );
}

const validate = fieldResolver(createCandidateInput);

function AddCandidateForm({ job, onDone }: { job: JobDetail; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { name: "", email: "", tags: [] as string[], consentGiven: false },
    validate: (values) => validate({ ...values, jobId: job.id }),
  });
  const added = async (name: string) => {
    notifications.show({ color: "green", title: "Candidate added", message: `${name} is in ${job.stages[0]?.name}.` });
    onDone();
    await refreshJob(queryClient, trpc, job.id);
  };
  const create = useMutation(
    trpc.candidates.create.mutationOptions({
      onSuccess: (saved) => added(saved.name),
      onError(error) {
        applyFieldErrors(form, error);
        if (errorReason(error) === "duplicate") form.setFieldError("email", "Someone on file already uses this email");
      },
    }),
  );
  const apply = useMutation(trpc.applications.create.mutationOptions());
  const holder = errorReason(create.error) === "duplicate" ? errorDetails(create.error) : {};
  const holderId = typeof holder.id === "string" ? holder.id : null;
  const holderName = typeof holder.name === "string" ? holder.name : "This person";
  // Whether the person on file is in this job already: then there is nothing to add.
  const holderRecord = useQuery(trpc.candidates.get.queryOptions({ id: holderId ?? "" }, { enabled: !!holderId }));
  const alreadyHere = holderRecord.data?.applications.some((a) => a.jobId === job.id) ?? false;

  return (
    <form onSubmit={form.onSubmit((values) => create.mutate({ ...values, jobId: job.id }))} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Name" required data-autofocus {...form.getInputProps("name")} />
          <TextInput label="Email" type="email" required {...form.getInputProps("email")} />
        </SimpleGrid>
        <TagsInput label="Tags" description="Press Enter after each tag" {...form.getInputProps("tags")} />
        <Checkbox
          label="The candidate consents to us processing their data"
          {...form.getInputProps("consentGiven", { type: "checkbox" })}
        />
        {holderId ? (
          <Alert color="orange" variant="light" title={`${holderName} already uses this email`} role="alert">
            {alreadyHere
              ? `${holderName} is in ${job.title} already.`
              : "Add the person on file to this job instead of a new record."}{" "}
            <Anchor component={Link} to={`/candidates/${holderId}`} size="sm" onClick={onDone}>
              Open their record
            </Anchor>
            {!alreadyHere && (
              <Group mt="sm">
                <Button
                  size="xs"
                  color="orange"
                  loading={apply.isPending || holderRecord.isPending}
                  onClick={() =>
                    apply.mutate({ candidateId: holderId, jobId: job.id }, { onSuccess: () => added(holderName) })
                  }
                >
                  Add {holderName} to {job.title}
                </Button>
              </Group>
            )}
            {apply.isError && <div>{errorMessage(apply.error)}</div>}
          </Alert>
        ) : (
          create.isError && (
            <Alert color="red" variant="light" title="Not added" role="alert">
              {fieldErrors(create.error).length
                ? "Fix the fields marked in red and try again."
                : errorMessage(create.error)}
            </Alert>
          )
        )}
        <FormActions onCancel={onDone} loading={create.isPending}>
          Add candidate
        </FormActions>
      </Stack>
    </form>
  );
}
