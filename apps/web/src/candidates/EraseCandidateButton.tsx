import { Button, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import type { CandidateDTO } from "@shortlist/api";
import { IconEraser } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../lib/trpc";
import { FormError } from "../ui/ErrorState";
import { FormActions } from "../ui/FormActions";

/**
 * GDPR erasure (admins): the confirmation names the person and asks for their name typed out, since nothing
 * brings the data back: their rows go and their key is destroyed, so the audit trail can no longer show them.
 */
export function EraseCandidateButton({ candidate: current }: { candidate: CandidateDTO }) {
  // The person as the dialog opened on: the page reloads the placeholder while the dialog is still closing.
  const [candidate, setCandidate] = useState(current);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const [typed, setTyped] = useState("");
  const erase = useMutation(
    trpc.candidates.erase.mutationOptions({
      async onSuccess() {
        closeDialog();
        notifications.show({
          color: "green",
          title: "Candidate erased",
          message: `${candidate.name}'s personal data was erased; an anonymous placeholder keeps the counts.`,
        });
        // The person is gone from lists, reports and the audit trail's decrypted view alike.
        await queryClient.invalidateQueries();
      },
    }),
  );
  const closeDialog = () => {
    close();
    setTyped("");
    erase.reset();
  };
  const matches = typed.trim() === candidate.name.trim();

  return (
    <>
      <Button
        color="red"
        variant="outline"
        leftSection={<IconEraser size={16} aria-hidden />}
        onClick={() => {
          setCandidate(current);
          open();
        }}
      >
        Erase
      </Button>
      <Modal opened={opened} onClose={closeDialog} title={`Erase ${candidate.name}?`}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (matches) erase.mutate({ id: candidate.id });
          }}
        >
          <Stack>
            <Text size="sm">
              Everything Shortlist holds about {candidate.name} ({candidate.email}) is deleted for good: their record,
              notes, résumé link, activity and reports. Their values in the audit trail can no longer be decrypted. An
              anonymous placeholder stays so that counts and benchmarks remain right. This cannot be undone.
            </Text>
            <TextInput
              label={`Type ${candidate.name} to confirm`}
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              autoComplete="off"
              data-autofocus
            />
            <FormError error={erase.error} title="Not erased" />
            <FormActions onCancel={closeDialog} color="red" disabled={!matches} loading={erase.isPending}>
              Erase for good
            </FormActions>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
