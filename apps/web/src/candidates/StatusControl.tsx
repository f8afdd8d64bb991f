import { Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { CandidateDTO } from "@shortlist/api";
import { allowedNextStatuses, type CandidateStatus } from "@shortlist/api/schemas";
import { STATUS_COLOR, STATUS_LABEL } from "./labels";
import { StatusBadge } from "./StatusBadge";
import type { UpdateCandidate } from "./useUpdateCandidate";

interface Props {
  candidate: CandidateDTO;
  update: UpdateCandidate;
  canWrite: boolean;
}

/** Offers only the moves the server allows from the current status. */
export function StatusControl({ candidate, update, canWrite }: Props) {
  const next = allowedNextStatuses(candidate.status);
  const move = (status: CandidateStatus) =>
    update.mutate(
      { id: candidate.id, version: candidate.version, status },
      {
        onSuccess: (saved) =>
          notifications.show({
            color: "green",
            title: "Candidate saved",
            message: `${saved.name} is now ${STATUS_LABEL[saved.status].toLowerCase()}.`,
          }),
      },
    );
  const pendingTo = update.isPending ? update.variables.status : undefined;

  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          Current status
        </Text>
        <StatusBadge status={candidate.status} size="lg" />
      </Group>
      {next.length === 0 ? (
        <Text size="sm" c="dimmed">
          {STATUS_LABEL[candidate.status]} is a final status; it cannot change.
        </Text>
      ) : canWrite ? (
        <Group gap="xs" role="group" aria-label="Change status">
          {next.map((status) => (
            <Button
              key={status}
              size="xs"
              variant="light"
              color={STATUS_COLOR[status]}
              onClick={() => move(status)}
              loading={pendingTo === status}
              disabled={update.isPending}
            >
              Move to {STATUS_LABEL[status]}
            </Button>
          ))}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          Next: {next.map((s) => STATUS_LABEL[s]).join(", ")}
        </Text>
      )}
    </Stack>
  );
}
