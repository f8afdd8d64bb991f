import { Alert, Button, Code, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDownload, IconShieldCheck, IconSignature } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { downloadJson } from "../lib/download";
import { count, formatDateTime } from "../lib/format";
import { useTRPC } from "../lib/trpc";
import { FormError } from "../ui/ErrorState";
import { Section } from "../ui/Section";

const WHY: Record<string, string> = {
  edited: "its contents no longer match its hash (edited)",
  missing: "an event before it is missing",
  inserted: "an event was inserted before it",
  reordered: "the events are out of order",
};

/** "Verify chain" (recomputes every hash on the server) and "Take checkpoint" (the signed head, downloadable). */
export function ChainPanel() {
  const trpc = useTRPC();
  // Run on demand only, and never answered from an earlier run: each click recomputes the chain.
  const verify = useQuery(trpc.audit.verify.queryOptions({}, { enabled: false, gcTime: 0, retry: false }));
  const checkpoint = useMutation(
    trpc.audit.checkpoint.mutationOptions({
      onSuccess(c) {
        notifications.show({
          color: "green",
          title: "Checkpoint taken",
          message: `Signed head at event ${c.seq}. Keep the file somewhere the database's owners cannot change.`,
        });
      },
    }),
  );
  const result = verify.data;

  return (
    <Section
      title="Chain"
      data-testid="audit-chain"
      actions={
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconShieldCheck size={16} aria-hidden />}
            loading={verify.isFetching}
            onClick={() => void verify.refetch()}
          >
            Verify chain
          </Button>
          <Button
            variant="default"
            leftSection={<IconSignature size={16} aria-hidden />}
            loading={checkpoint.isPending}
            onClick={() => checkpoint.mutate()}
          >
            Take checkpoint
          </Button>
        </Group>
      }
    >
      <Stack gap="sm">
        {!result && !verify.error && !checkpoint.data && (
          <Text size="sm" c="dimmed">
            Verify recomputes every event&apos;s hash from the first one. A checkpoint is the chain&apos;s head signed
            with this server&apos;s key: keep the file elsewhere, and `shortlist audit verify --checkpoint file.json`
            later proves the history before it was not rewritten.
          </Text>
        )}
        <FormError error={verify.error} title="Could not verify the chain" />
        {result &&
          (result.ok ? (
            <Alert color="green" variant="light" title="The chain holds" role="status" data-testid="verify-result">
              {count(result.count)} events checked; the head is event {result.lastSeq}, hash{" "}
              <Code>{result.lastHash}</Code>.
            </Alert>
          ) : (
            <Alert color="red" variant="light" title="The chain is broken" role="alert" data-testid="verify-result">
              First broken event: {result.brokenAt}: {WHY[result.why] ?? result.why}. {result.detail}.
            </Alert>
          ))}
        <FormError error={checkpoint.error} title="No checkpoint taken" />
        {checkpoint.data && (
          <Alert color="blue" variant="light" title="Latest checkpoint" data-testid="checkpoint-result">
            <Stack gap={6}>
              <Text size="sm">
                Event {checkpoint.data.seq} at {formatDateTime(new Date(checkpoint.data.at))}
              </Text>
              <Text size="sm">
                Hash <Code>{checkpoint.data.hash}</Code>
              </Text>
              <Text size="sm" style={{ wordBreak: "break-all" }}>
                Signature <Code>{checkpoint.data.signature}</Code>
              </Text>
              <Group>
                <Button
                  size="xs"
                  variant="white"
                  leftSection={<IconDownload size={14} aria-hidden />}
                  onClick={() => downloadJson(`shortlist-checkpoint-${checkpoint.data.seq}.json`, checkpoint.data)}
                >
                  Download checkpoint
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
      </Stack>
    </Section>
  );
}
