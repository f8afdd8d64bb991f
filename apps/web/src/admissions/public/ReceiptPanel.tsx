import {
  ActionIcon,
  Anchor,
  Button,
  CopyButton,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
  Tooltip,
} from "@mantine/core";
import type { ReceiptDto } from "@shortlist/api";
import { IconCheck, IconCircleCheck, IconCopy, IconDownload } from "@tabler/icons-react";
import { useEffect, useRef } from "react";
import { Link } from "react-router";
import { downloadText } from "../../lib/download";
import { formatDateTime } from "../../lib/format";
import { receiptText, statusPath } from "./application";

const monospace = { fontFamily: "var(--mantine-font-family-monospace)", wordBreak: "break-all" } as const;

/** After a submission: the application id and receipt to keep (copy, download) and the way to the status page. */
export function ReceiptPanel({ slug, receipt }: { slug: string; receipt: ReceiptDto }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The form that had the focus is gone: screen readers start again at the confirmation.
  useEffect(() => headingRef.current?.focus(), []);
  const status = statusPath(slug, receipt);
  const download = () =>
    downloadText(
      `application-receipt-${slug}.txt`,
      receiptText(receipt, `${window.location.origin}${status}`, formatDateTime(receipt.submittedAt)),
      "text/plain",
    );

  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md">
      <Stack gap="md">
        <Group gap="xs" wrap="nowrap">
          <IconCircleCheck size={28} color="var(--mantine-color-teal-6)" aria-hidden />
          <Title order={2} size="h3" ref={headingRef} tabIndex={-1}>
            Application received
          </Title>
        </Group>
        <Text>
          Thank you. Your application to {receipt.cycleName} was received on {formatDateTime(receipt.submittedAt)}.
        </Text>
        <Text fw={500}>
          Keep this receipt: with the application id and the receipt you can check your status later. Nobody can send it
          to you again.
        </Text>
        <Textarea
          label="Application id"
          readOnly
          autosize
          minRows={1}
          value={receipt.applicationId}
          styles={{ input: { ...monospace, paddingRight: 40 } }}
          rightSection={<CopyIcon value={receipt.applicationId} what="application id" />}
        />
        <Textarea
          label="Receipt"
          readOnly
          autosize
          minRows={2}
          value={receipt.receipt}
          styles={{ input: { ...monospace, paddingRight: 40 } }}
          rightSection={<CopyIcon value={receipt.receipt} what="receipt" />}
        />
        <Group gap="sm">
          <Button variant="light" leftSection={<IconDownload size={16} aria-hidden />} onClick={download}>
            Download receipt
          </Button>
          <Anchor component={Link} to={status}>
            Check your application&rsquo;s status
          </Anchor>
        </Group>
      </Stack>
    </Paper>
  );
}

function CopyIcon({ value, what }: { value: string; what: string }) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? "Copied" : `Copy ${what}`} withArrow>
          <ActionIcon
            variant="subtle"
            color={copied ? "teal" : "gray"}
            onClick={copy}
            aria-label={copied ? `Copied ${what}` : `Copy ${what}`}
          >
            {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}
