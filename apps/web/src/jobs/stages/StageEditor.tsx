import { ActionIcon, Button, Group, Select, Stack, Table, Text, TextInput, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { StageKind } from "@shortlist/api/schemas";
import { IconArrowDown, IconArrowUp, IconCheck, IconPlus, IconTrash } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage, errorReason, fieldErrors } from "../../lib/errors";
import { count, plural } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { Blocked, blockedProps } from "../Blocked";
import { cacheSavedJob } from "../cache";
import { STAGE_KIND_LABEL, STAGE_KIND_OPTIONS } from "../labels";
import type { JobDetail, Stage } from "../types";

/** Names are unique per job in any case: not "Another stage is called OFFER" when it is called Offer. */
const DUPLICATE_NAME = "Another stage has this name";

/** What a refused stage change says: the field's message when the server named one. */
const refusal = (error: unknown) => fieldErrors(error)[0]?.message ?? errorMessage(error);

function useStageMutations(job: JobDetail) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = async (saved: JobDetail) => {
    await cacheSavedJob(queryClient, trpc, saved);
    // Cards and rows carry stage names.
    await Promise.all([
      queryClient.invalidateQueries(trpc.jobs.board.queryFilter({ jobId: job.id })),
      queryClient.invalidateQueries(trpc.applications.list.pathFilter()),
    ]);
  };
  const onError = async (error: unknown) => {
    notifications.show({ color: "red", title: "Stages not changed", message: refusal(error) });
    await queryClient.invalidateQueries(trpc.jobs.get.queryFilter({ id: job.id }));
  };
  return {
    add: useMutation(trpc.stages.add.mutationOptions({ onSuccess })),
    rename: useMutation(trpc.stages.rename.mutationOptions({ onSuccess })),
    reorder: useMutation(trpc.stages.reorder.mutationOptions({ onSuccess, onError })),
    remove: useMutation(trpc.stages.remove.mutationOptions({ onSuccess, onError })),
  };
}

/** Add, rename, reorder (up / down) and remove a job's stages; a stage that holds applications stays. */
export function StageEditor({ job }: { job: JobDetail }) {
  const mutations = useStageMutations(job);
  const ids = job.stages.map((stage) => stage.id);
  const move = (index: number, by: -1 | 1) => {
    const next = [...ids];
    [next[index], next[index + by]] = [next[index + by]!, next[index]!];
    mutations.reorder.mutate({ jobId: job.id, stageIds: next });
  };
  const busy = mutations.reorder.isPending || mutations.remove.isPending;

  return (
    <Stack gap="md">
      <Table verticalSpacing={6} data-testid="stage-editor">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Stage</Table.Th>
            <Table.Th scope="col">Kind</Table.Th>
            <Table.Th scope="col" ta="right">
              In it
            </Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {job.stages.map((stage, i) => (
            <Table.Tr key={stage.id}>
              <Table.Td>
                <RenameStage stage={stage} mutation={mutations.rename} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {STAGE_KIND_LABEL[stage.kind]}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{count(stage.count)}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap" justify="flex-end">
                  <ActionIcon
                    variant="subtle"
                    aria-label={`Move ${stage.name} up`}
                    disabled={i === 0 || busy}
                    onClick={() => move(i, -1)}
                  >
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    aria-label={`Move ${stage.name} down`}
                    disabled={i === job.stages.length - 1 || busy}
                    onClick={() => move(i, 1)}
                  >
                    <IconArrowDown size={16} aria-hidden />
                  </ActionIcon>
                  <RemoveStage stage={stage} onRemove={() => mutations.remove.mutate({ id: stage.id })} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <AddStage job={job} mutation={mutations.add} />
    </Stack>
  );
}

function RemoveStage({ stage, onRemove }: { stage: Stage; onRemove: () => void }) {
  const reason =
    stage.count > 0 ? `${plural(stage.count, "application")} in ${stage.name}: move them to another stage first` : null;
  return (
    <Blocked reason={reason}>
      <ActionIcon variant="subtle" color="red" aria-label={`Remove ${stage.name}`} {...blockedProps(reason, onRemove)}>
        <IconTrash size={16} aria-hidden />
      </ActionIcon>
    </Blocked>
  );
}

type StageMutations = ReturnType<typeof useStageMutations>;

function RenameStage({ stage, mutation }: { stage: Stage; mutation: StageMutations["rename"] }) {
  const [name, setName] = useState(stage.name);
  const [error, setError] = useState<string | null>(null);
  const changed = name.trim() !== stage.name && name.trim() !== "";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!changed) return;
    setError(null);
    mutation.mutate(
      { id: stage.id, name: name.trim() },
      {
        onError: (e) => setError(errorReason(e) === "duplicate" ? DUPLICATE_NAME : refusal(e)),
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group gap={4} wrap="nowrap">
        <TextInput
          aria-label={`Name of the ${stage.name} stage`}
          size="xs"
          value={name}
          error={error}
          onChange={(event) => setName(event.currentTarget.value)}
          onBlur={() => !changed && setName(stage.name)}
          w={220}
        />
        {changed && (
          <ActionIcon
            type="submit"
            variant="light"
            aria-label={`Save the name of ${stage.name}`}
            loading={mutation.isPending && mutation.variables.id === stage.id}
          >
            <IconCheck size={16} aria-hidden />
          </ActionIcon>
        )}
      </Group>
    </form>
  );
}

function AddStage({ job, mutation }: { job: JobDetail; mutation: StageMutations["add"] }) {
  const [name, setName] = useState("");
  const [kind, setKind] = useState<StageKind>("custom");
  const last = job.stages.at(-1)?.id ?? null;
  // null: after the last stage, whichever that is by then.
  const [after, setAfter] = useState<string | null>(null);
  const afterId = after && job.stages.some((stage) => stage.id === after) ? after : last;
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError("Enter the stage's name");
    setError(null);
    mutation.mutate(
      { jobId: job.id, name: name.trim(), kind, afterStageId: afterId ?? undefined },
      {
        onSuccess: () => {
          setName("");
          setAfter(null);
        },
        onError: (e) => setError(errorReason(e) === "duplicate" ? DUPLICATE_NAME : refusal(e)),
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Add a stage">
      <Group gap="sm" align="flex-start">
        <TextInput
          label="New stage"
          placeholder="e.g. Reference check"
          value={name}
          error={error}
          onChange={(event) => setName(event.currentTarget.value)}
          w={220}
        />
        <Select
          label="Kind"
          data={STAGE_KIND_OPTIONS}
          value={kind}
          allowDeselect={false}
          onChange={(value) => value && setKind(value as StageKind)}
          w={220}
        />
        <Select
          label="After"
          data={job.stages.map((stage) => ({ value: stage.id, label: stage.name }))}
          value={afterId}
          allowDeselect={false}
          onChange={setAfter}
          w={180}
        />
        <Button type="submit" mt={25} leftSection={<IconPlus size={16} aria-hidden />} loading={mutation.isPending}>
          Add stage
        </Button>
      </Group>
    </form>
  );
}
