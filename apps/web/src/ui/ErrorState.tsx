import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconRefresh } from "@tabler/icons-react";
import { errorMessage } from "../lib/errors";

interface Props {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  retrying?: boolean;
}

/** A failed load: the server's message and, when it can help, a retry button. */
export function ErrorState({ error, title = "Could not load this", onRetry, retrying }: Props) {
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertTriangle aria-hidden />} role="alert">
      <Text size="sm">{errorMessage(error)}</Text>
      {onRetry && (
        <Group mt="sm">
          <Button
            size="xs"
            variant="white"
            color="red"
            leftSection={<IconRefresh size={14} aria-hidden />}
            onClick={onRetry}
            loading={retrying}
          >
            Retry
          </Button>
        </Group>
      )}
    </Alert>
  );
}

/** A save refused because someone else saved the record first (`stale_version`), with a Reload when there is one. */
export function StaleVersionAlert({ what, onReload }: { what: string; onReload?: () => void }) {
  return (
    <Alert color="orange" variant="light" title={`Someone else saved this ${what} first`} role="alert">
      <Stack gap="xs" align="flex-start">
        Your changes were not saved. Reload to see their version, then make your changes again.
        {onReload && (
          <Button
            size="xs"
            variant="white"
            color="orange"
            leftSection={<IconRefresh size={14} aria-hidden />}
            onClick={onReload}
          >
            Reload
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** An error from a form submit, shown above its buttons. */
export function FormError({ error, title = "Not saved" }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}

/** A failed action outside a form (start, complete, save from a page), until dismissed. */
export function ActionError({ error, title, onDismiss }: { error: unknown; title: string; onDismiss: () => void }) {
  if (!error) return null;
  return (
    <Alert
      color="red"
      variant="light"
      title={title}
      role="alert"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onDismiss}
    >
      {errorMessage(error)}
    </Alert>
  );
}
