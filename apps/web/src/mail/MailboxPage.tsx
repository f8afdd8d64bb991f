import { Alert, Badge, Button, Group, SegmentedControl, Stack, Text, Title, Tooltip } from "@mantine/core";
import { MAIL_STATUSES, type MailStatus } from "@shortlist/api/schemas";
import { IconInfoCircle, IconMail } from "@tabler/icons-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import type { MailMessageDTO } from "@shortlist/api";
import { formatDateTime } from "../lib/format";
import { useHasRole } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { DataTable, type Column } from "../ui/DataTable";
import { Empty } from "../ui/Empty";
import { Forbidden } from "../ui/Forbidden";
import { STATUS_COLOR, STATUS_HINT, STATUS_LABEL, templateLabel } from "./labels";
import { MessageView } from "./MessageView";

const PAGE_SIZE = 25;

export default function MailboxPage() {
  if (!useHasRole("writers")) return <Forbidden what="the Mailbox" />;
  return <Mailbox />;
}

export function StatusBadge({ status }: { status: MailStatus }) {
  return (
    <Tooltip label={STATUS_HINT[status]}>
      <Badge color={STATUS_COLOR[status]} variant="light" tabIndex={0}>
        {STATUS_LABEL[status]}
      </Badge>
    </Tooltip>
  );
}

const isStatus = (value: string | null): value is MailStatus =>
  value !== null && (MAIL_STATUSES as readonly string[]).includes(value);

function Mailbox() {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const status = isStatus(params.get("status")) ? (params.get("status") as MailStatus) : undefined;
  const subjectId = params.get("subject") ?? undefined;
  const [open, setOpen] = useState<string | null>(params.get("message"));
  const list = useInfiniteQuery(
    trpc.mail.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, ...(status && { status }), ...(subjectId && { subjectId }) },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: (previous) => previous },
    ),
  );
  const messages = list.data?.pages.flatMap((page) => page.items);
  const smtpConfigured = list.data?.pages[0]?.smtpConfigured;

  const setParam = (name: string, value: string | null) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const toggle = (id: string) => {
    const next = open === id ? null : id;
    setOpen(next);
    setParam("message", next);
  };

  const columns: Column<MailMessageDTO>[] = [
    {
      key: "when",
      header: "Written",
      skeletonWidth: 140,
      cell: (m) => (
        <Button
          variant="subtle"
          size="compact-sm"
          px={4}
          aria-expanded={open === m.id}
          aria-label={`${open === m.id ? "Close" : "Read"} the message to ${m.erased ? "an erased person" : m.content?.to.name}`}
          onClick={(event) => {
            event.stopPropagation();
            toggle(m.id);
          }}
        >
          {formatDateTime(m.createdAt)}
        </Button>
      ),
    },
    {
      key: "to",
      header: "To",
      skeletonWidth: 160,
      cell: (m) =>
        m.erased || !m.content ? (
          <Text size="sm" c="dimmed" fs="italic">
            [erased]
          </Text>
        ) : (
          <div>
            <Text size="sm">{m.content.to.name}</Text>
            <Text size="xs" c="dimmed">
              {m.content.to.email}
            </Text>
          </div>
        ),
    },
    {
      key: "subject",
      header: "Subject",
      skeletonWidth: 220,
      cell: (m) => <Text size="sm">{m.content?.subject ?? "—"}</Text>,
    },
    {
      key: "template",
      header: "Kind",
      skeletonWidth: 100,
      cell: (m) => <Text size="sm">{templateLabel(m.template)}</Text>,
    },
    { key: "status", header: "Status", skeletonWidth: 60, cell: (m) => <StatusBadge status={m.status} /> },
  ];

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          Mailbox
        </Title>
        <Text size="sm" c="dimmed">
          Every email Shortlist writes: to whom, what it says and whether it was sent. A message is written with the
          action that causes it and sent right after; failed sends are retried with growing waits.
        </Text>
      </div>
      {smtpConfigured === false && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />} title="No mail server configured">
          Messages are held here and not sent. Set SMTP_URL on the server to send email; held messages can then be sent
          one by one with “Send”.
        </Alert>
      )}
      <Group gap="sm">
        <SegmentedControl
          aria-label="Status"
          value={status ?? "all"}
          onChange={(value) => setParam("status", value === "all" ? null : value)}
          data={[{ value: "all", label: "All" }, ...MAIL_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))]}
        />
        {subjectId && (
          <Button variant="subtle" size="xs" onClick={() => setParam("subject", null)}>
            Show everyone’s messages
          </Button>
        )}
      </Group>
      <DataTable
        data-testid="mailbox-table"
        minWidth={760}
        columns={columns}
        rows={messages}
        rowKey={(m) => m.id}
        stale={list.isPlaceholderData}
        error={list.error}
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
        onRowClick={(m) => toggle(m.id)}
        expandedRow={(m) =>
          open === m.id ? <MessageView message={m} smtpConfigured={smtpConfigured ?? false} /> : null
        }
        empty={
          <Empty
            title={status || subjectId ? "No messages match" : "No messages yet"}
            description={
              status || subjectId
                ? "Change the status filter above."
                : "Emails appear here when an action writes one (an invitation, a rejection, a stage change)."
            }
            icon={<IconMail aria-hidden />}
          />
        }
        footer={
          list.hasNextPage || list.isFetchNextPageError ? (
            <Group justify="center" mt="sm">
              <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {list.isFetchNextPageError ? "Loading failed: try again" : "Load more"}
              </Button>
            </Group>
          ) : null
        }
      />
    </Stack>
  );
}
