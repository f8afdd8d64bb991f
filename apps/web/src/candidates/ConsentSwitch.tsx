import { Stack, Switch, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { CandidateDTO } from "@shortlist/api";
import { formatDateTime } from "../lib/format";
import type { UpdateCandidate } from "./useUpdateCandidate";

interface Props {
  candidate: CandidateDTO;
  update: UpdateCandidate;
  canWrite: boolean;
}

/** Records consent (the server stamps the time) or withdraws it (the stamp is cleared). */
export function ConsentSwitch({ candidate, update, canWrite }: Props) {
  const pending = update.isPending && update.variables.consentGiven !== undefined;
  const toggle = (consentGiven: boolean) =>
    update.mutate(
      { id: candidate.id, version: candidate.version, consentGiven },
      {
        onSuccess: (saved) =>
          notifications.show({
            color: "green",
            title: "Candidate saved",
            message: saved.consentGiven ? "Consent recorded." : "Consent withdrawn.",
          }),
      },
    );

  return (
    <Stack gap={6}>
      <Switch
        label="Consent given"
        checked={candidate.consentGiven}
        onChange={(event) => toggle(event.currentTarget.checked)}
        disabled={!canWrite || update.isPending}
        description={pending ? "Saving…" : undefined}
      />
      <Text size="sm" c="dimmed">
        {candidate.consentGiven
          ? `Recorded ${formatDateTime(candidate.consentTimestamp)}`
          : "No consent on record; withdrawn or never given."}
      </Text>
    </Stack>
  );
}
