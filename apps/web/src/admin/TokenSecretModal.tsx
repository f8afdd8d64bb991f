import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconCopy } from "@tabler/icons-react";

/** The only time the secret is on screen: the server keeps just its hash. */
export function TokenSecretModal({
  secret,
  name,
  onClose,
}: {
  secret: string | null;
  name: string;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={secret !== null}
      onClose={onClose}
      title={`API token “${name}” created`}
      closeOnClickOutside={false}
      size="lg"
    >
      <Stack>
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Copy it now">
          This token will not be shown again. Store it where your script reads its secrets; if it is lost, revoke it and
          create another.
        </Alert>
        <Code block data-testid="api-token-secret" style={{ wordBreak: "break-all" }}>
          {secret}
        </Code>
        <Text size="sm" c="dimmed">
          Send it as <Code>Authorization: Bearer &lt;token&gt;</Code>.
        </Text>
        <Group justify="flex-end">
          <CopyButton value={secret ?? ""}>
            {({ copied, copy }) => (
              <Button
                variant="light"
                color={copied ? "green" : undefined}
                leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                onClick={copy}
              >
                {copied ? "Copied" : "Copy token"}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
