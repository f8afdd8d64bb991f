import { Button, Modal, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconTrash } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { useTRPC } from "../../lib/trpc";
import { FormError } from "../../ui/ErrorState";
import { FormActions } from "../../ui/FormActions";
import type { Conversation } from "../types";

/** Deletes the conversation with its messages, state and memories, after asking. */
export function DeleteConversation({ conversation }: { conversation: Conversation }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [opened, { open, close }] = useDisclosure(false);
  const remove = useMutation(
    trpc.conversations.delete.mutationOptions({
      async onSuccess() {
        notifications.show({ color: "green", title: "Conversation deleted", message: conversation.title });
        close();
        await navigate("/conversations");
        queryClient.removeQueries({ queryKey: trpc.conversations.get.queryKey({ id: conversation.id }) });
        await queryClient.invalidateQueries({ queryKey: trpc.conversations.list.pathKey() });
      },
    }),
  );
  return (
    <>
      <Button variant="subtle" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={open}>
        Delete
      </Button>
      <Modal opened={opened} onClose={close} title={`Delete “${conversation.title}”?`}>
        <Stack>
          <Text size="sm">Its messages, state and memories are deleted with it. This cannot be undone.</Text>
          <FormError error={remove.error} title="Not deleted" />
          <FormActions
            onCancel={close}
            color="red"
            loading={remove.isPending}
            onClick={() => remove.mutate({ id: conversation.id })}
          >
            Delete conversation
          </FormActions>
        </Stack>
      </Modal>
    </>
  );
}
