import { ActionIcon, Button, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowDown, IconArrowUp, IconCheck, IconPlus } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage, errorReason, fieldErrors } from "../lib/errors";
import { useHasRole } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { ActiveBadge } from "../ui/ActiveBadge";
import { DataTable, queryRows } from "../ui/DataTable";
import { Forbidden } from "../ui/Forbidden";
import type { RejectionReason } from "./types";

export default function RejectionReasonsPage() {
  if (!useHasRole("admin")) return <Forbidden what="the rejection reasons" />;
  return <RejectionReasons />;
}

const refusal = (error: unknown) =>
  errorReason(error) === "duplicate"
    ? "Another reason has this label"
    : (fieldErrors(error)[0]?.message ?? errorMessage(error));

function useReasonMutations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSettled = () => queryClient.invalidateQueries(trpc.rejectionReasons.list.pathFilter());
  const onError = (error: unknown) =>
    notifications.show({ color: "red", title: "Reasons not changed", message: refusal(error) });
  return {
    create: useMutation(trpc.rejectionReasons.create.mutationOptions({ onSettled })),
    update: useMutation(trpc.rejectionReasons.update.mutationOptions({ onSettled })),
    reorder: useMutation(trpc.rejectionReasons.reorder.mutationOptions({ onSettled, onError })),
  };
}

type ReasonMutations = ReturnType<typeof useReasonMutations>;

/** The reasons offered when rejecting, in the order offered; a retired one still labels the rejections that used it. */
function RejectionReasons() {
  const trpc = useTRPC();
  const reasons = useQuery(trpc.rejectionReasons.list.queryOptions({ includeRetired: true }));
  const mutations = useReasonMutations();
  const ids = reasons.data?.map((reason) => reason.id) ?? [];
  const move = (index: number, by: -1 | 1) => {
    const next = [...ids];
    [next[index], next[index + by]] = [next[index + by]!, next[index]!];
    mutations.reorder.mutate({ ids: next });
  };

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          Rejection reasons
        </Title>
        <Text size="sm" c="dimmed">
          Offered in this order when someone rejects an application. Retire a reason to stop offering it; past
          rejections keep their label.
        </Text>
      </div>
      <AddReason mutation={mutations.create} />
      <DataTable<RejectionReason>
        data-testid="reasons-table"
        minWidth={640}
        tableProps={{ bg: "white", striped: true }}
        {...queryRows(reasons)}
        rowKey={(reason) => reason.id}
        errorTitle="Could not load the reasons"
        columns={[
          {
            key: "label",
            header: "Reason",
            cell: (reason) => <RenameReason reason={reason} mutation={mutations.update} />,
          },
          {
            key: "status",
            header: "Status",
            cell: (reason) => <ActiveBadge active={reason.active} inactive="Retired" />,
          },
          {
            key: "actions",
            header: "Actions",
            skeletonWidth: 160,
            cell: (reason) => {
              const index = ids.indexOf(reason.id);
              return (
                <Group gap={4} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    aria-label={`Move ${reason.label} up`}
                    disabled={index === 0 || mutations.reorder.isPending}
                    onClick={() => move(index, -1)}
                  >
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    aria-label={`Move ${reason.label} down`}
                    disabled={index === ids.length - 1 || mutations.reorder.isPending}
                    onClick={() => move(index, 1)}
                  >
                    <IconArrowDown size={16} aria-hidden />
                  </ActionIcon>
                  <Button
                    size="xs"
                    variant="light"
                    color={reason.active ? "red" : "green"}
                    aria-label={`${reason.active ? "Retire" : "Restore"} ${reason.label}`}
                    loading={mutations.update.isPending && mutations.update.variables.id === reason.id}
                    onClick={() =>
                      mutations.update.mutate(
                        { id: reason.id, active: !reason.active },
                        {
                          onError: (error) =>
                            notifications.show({ color: "red", title: "Not changed", message: refusal(error) }),
                        },
                      )
                    }
                  >
                    {reason.active ? "Retire" : "Restore"}
                  </Button>
                </Group>
              );
            },
          },
        ]}
      />
    </Stack>
  );
}

function AddReason({ mutation }: { mutation: ReasonMutations["create"] }) {
  const [label, setLabel] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!label.trim()) return setError("Enter the reason");
    setError(null);
    mutation.mutate(
      { label: label.trim() },
      {
        onSuccess: (reason) => {
          setLabel("");
          notifications.show({ color: "green", title: "Reason added", message: reason.label });
        },
        onError: (e) => setError(refusal(e)),
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Add a reason">
      <Group align="flex-start" gap="sm">
        <TextInput
          label="New reason"
          placeholder="e.g. Failed the take-home exercise"
          value={label}
          error={error}
          onChange={(event) => setLabel(event.currentTarget.value)}
          w={360}
        />
        <Button type="submit" mt={25} leftSection={<IconPlus size={16} aria-hidden />} loading={mutation.isPending}>
          Add reason
        </Button>
      </Group>
    </form>
  );
}

function RenameReason({ reason, mutation }: { reason: RejectionReason; mutation: ReasonMutations["update"] }) {
  const [label, setLabel] = useState(reason.label);
  const [error, setError] = useState<string | null>(null);
  const changed = label.trim() !== reason.label && label.trim() !== "";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!changed) return;
    setError(null);
    mutation.mutate({ id: reason.id, label: label.trim() }, { onError: (e) => setError(refusal(e)) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group gap={4} wrap="nowrap">
        <TextInput
          aria-label={`Label of ${reason.label}`}
          size="xs"
          value={label}
          error={error}
          onChange={(event) => setLabel(event.currentTarget.value)}
          onBlur={() => !changed && setLabel(reason.label)}
          w={360}
          c={reason.active ? undefined : "dimmed"}
        />
        {changed && (
          <ActionIcon type="submit" variant="light" aria-label={`Save the label of ${reason.label}`}>
            <IconCheck size={16} aria-hidden />
          </ActionIcon>
        )}
      </Group>
    </form>
  );
}
