import { Alert, Anchor, Button, Code, CopyButton, Group, Modal, Stack, Table, Text } from "@mantine/core";
import type { InterviewDTO } from "@shortlist/api";
import { IconCheck, IconCopy, IconLinkOff } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import { formatDateTime } from "../../lib/format";
import { FormActions } from "../../ui/FormActions";
import { Section } from "../../ui/Section";
import { useMoves } from "./useMoves";

/** The link's URL, the one time it is known (sendLink's answer), and where its email went. */
export function LinkIssued({
  url,
  candidateId,
  onDismiss,
}: {
  url: string;
  candidateId: string;
  onDismiss: () => void;
}) {
  return (
    <Alert
      color="green"
      variant="light"
      title="Link sent"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onDismiss}
      data-testid="link-issued"
    >
      <Stack gap="xs">
        <Code block style={{ wordBreak: "break-all" }} data-testid="interview-link-url">
          {url}
        </Code>
        <Group gap="sm">
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                variant="white"
                color={copied ? "green" : undefined}
                leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
                onClick={copy}
              >
                {copied ? "Copied" : "Copy link"}
              </Button>
            )}
          </CopyButton>
          <Text size="sm">
            The invitation email is in the outbox:{" "}
            <Anchor component={Link} to={`/mailbox?subject=${candidateId}`}>
              open the Mailbox
            </Anchor>
            . This link is not shown again.
          </Text>
        </Group>
      </Stack>
    </Alert>
  );
}

/** READY: the link's dates, Revoke (back to preparing; the link stops working). */
export function LinkPanel({ interview, canWrite }: { interview: InterviewDTO; canWrite: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const { revoke } = useMoves(interview.id);
  const link = interview.link;
  return (
    <Section
      title="Candidate link"
      data-testid="link-panel"
      actions={
        canWrite && (
          <Button
            variant="light"
            color="orange"
            leftSection={<IconLinkOff size={16} aria-hidden />}
            onClick={() => setConfirming(true)}
            loading={revoke.isPending}
          >
            Revoke link
          </Button>
        )
      }
    >
      {link ? (
        <Table variant="vertical" layout="fixed" withTableBorder={false}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={160}>Sent</Table.Th>
              <Table.Td>{formatDateTime(link.createdAt)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Expires</Table.Th>
              <Table.Td>{formatDateTime(link.expiresAt)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Last opened</Table.Th>
              <Table.Td data-testid="link-last-opened">
                {link.lastOpenedAt ? formatDateTime(link.lastOpenedAt) : "Not opened yet"}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          No link is out.
        </Text>
      )}
      <Text size="sm" c="dimmed" mt="sm">
        The page follows the interview: it shows the conversation once the candidate starts. To send a new link, revoke
        this one and send again.
      </Text>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Revoke the candidate's link?">
        <Stack>
          <Text size="sm">
            The link stops working at once (the candidate is told it was revoked) and the interview goes back to
            preparing, where you can edit the plan and send a new link.
          </Text>
          <FormActions
            onCancel={() => setConfirming(false)}
            color="orange"
            loading={revoke.isPending}
            data-autofocus
            onClick={() =>
              revoke.mutate({ id: interview.id, version: interview.version }, { onSettled: () => setConfirming(false) })
            }
          >
            Revoke link
          </FormActions>
        </Stack>
      </Modal>
    </Section>
  );
}
