import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import type { CandidateDTO } from "@shortlist/api";
import { IconTrash } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { errorReason } from "../lib/errors";
import { useTRPC } from "../lib/trpc";
import { FormError } from "../ui/ErrorState";
import { invalidateCandidateLists } from "./cache";

export function DeleteCandidateButton({ candidate, onReload }: { candidate: CandidateDTO; onReload: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [opened, { open, close }] = useDisclosure(false);
  const remove = useMutation(
    trpc.candidates.delete.mutationOptions({
      async onSuccess() {
        close();
        notifications.show({ color: "green", title: "Candidate deleted", message: `${candidate.name} was deleted.` });
        await navigate("/candidates");
        queryClient.removeQueries(trpc.candidates.get.queryFilter({ id: candidate.id }));
        await invalidateCandidateLists(queryClient, trpc);
      },
    }),
  );
  const stale = errorReason(remove.error) === "stale_version";

  return (
    <>
      <Button color="red" variant="light" leftSection={<IconTrash size={16} aria-hidden />} onClick={open}>
        Delete
      </Button>
      <Modal opened={opened} onClose={close} title="Delete this candidate?">
        <Stack>
          <Text size="sm">
            {candidate.name} ({candidate.email}) will be deleted for good. This cannot be undone.
          </Text>
          {stale ? (
            <FormError error={remove.error} title="Someone else saved this candidate first" />
          ) : (
            <FormError error={remove.error} title="Not deleted" />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            {stale ? (
              <Button
                color="orange"
                onClick={() => {
                  remove.reset();
                  close();
                  onReload();
                }}
              >
                Reload
              </Button>
            ) : (
              <Button
                color="red"
                loading={remove.isPending}
                onClick={() => remove.mutate({ id: candidate.id, version: candidate.version })}
              >
                Delete candidate
              </Button>
            )}
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
