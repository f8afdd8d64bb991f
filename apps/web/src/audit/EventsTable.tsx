import { Badge, Button, Center, Code, Group, Stack, Text } from "@mantine/core";
import type { AuditEventDTO } from "@shortlist/api";
import { IconChevronDown, IconChevronRight } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import { formatDateTime } from "../lib/format";
import { DataTable, type Column } from "../ui/DataTable";
import { ErrorState } from "../ui/ErrorState";
import { ChangeView } from "./ChangeView";

const ACTOR_TYPE: Record<AuditEventDTO["actor"]["type"], string> = {
  user: "user",
  token: "API token",
  system: "system",
  anonymous: "anonymous",
};

export function actorText(actor: AuditEventDTO["actor"]): string {
  if (actor.type === "system" || actor.type === "anonymous") return actor.label ?? ACTOR_TYPE[actor.type];
  return actor.label ?? actor.id ?? ACTOR_TYPE[actor.type];
}

interface Props {
  rows: readonly AuditEventDTO[] | undefined;
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
  stale?: boolean;
  empty: ReactNode;
  /** From useInfiniteQuery: "Load more" while there is another page. */
  more: { hasNext: boolean; fetching: boolean; failed: boolean; fetchNext: () => void };
  "data-testid": string;
}

/** Audit events, newest first; each row opens to show its before/after. */
export function EventsTable({ rows, error, onRetry, retrying, stale, empty, more, "data-testid": testId }: Props) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (seq: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });

  const columns: Column<AuditEventDTO>[] = [
    {
      key: "seq",
      header: "#",
      skeletonWidth: 32,
      cell: (e) => {
        const expanded = open.has(String(e.seq));
        return (
          <Button
            variant="subtle"
            size="compact-sm"
            px={4}
            aria-expanded={expanded}
            aria-label={`${expanded ? "Hide" : "Show"} the change of event ${e.seq}`}
            leftSection={
              expanded ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />
            }
            onClick={() => toggle(String(e.seq))}
          >
            {String(e.seq)}
          </Button>
        );
      },
    },
    {
      key: "at",
      header: "When",
      skeletonWidth: 120,
      cell: (e) => (
        <Text size="sm" c="dimmed" style={{ whiteSpace: "nowrap" }}>
          {formatDateTime(e.at)}
        </Text>
      ),
    },
    {
      key: "actor",
      header: "Who",
      skeletonWidth: 120,
      cell: (e) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm">{actorText(e.actor)}</Text>
          {e.actor.type !== "user" && (
            <Badge size="xs" variant="light" color="gray">
              {ACTOR_TYPE[e.actor.type]}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: "action", header: "Action", cell: (e) => <Code>{e.action}</Code> },
    {
      key: "entity",
      header: "Record",
      skeletonWidth: 160,
      cell: (e) => (
        <Text size="sm">
          {e.entity.kind}
          {e.entity.id && (
            <Text span size="xs" c="dimmed" ff="monospace">
              {" "}
              {e.entity.id}
            </Text>
          )}
        </Text>
      ),
    },
  ];

  return (
    <DataTable
      data-testid={testId}
      minWidth={820}
      skeletonRows={5}
      tableProps={{ highlightOnHover: true, bg: "white" }}
      columns={columns}
      rows={rows}
      rowKey={(e) => String(e.seq)}
      expandedRow={(e) => (open.has(String(e.seq)) ? <EventDetail event={e} /> : null)}
      error={error}
      errorTitle="Could not load the audit trail"
      onRetry={onRetry}
      retrying={retrying}
      stale={stale}
      empty={empty}
      footer={
        <>
          {more.failed && <ErrorState error={error} title="Could not load more events" onRetry={more.fetchNext} />}
          <Center mt="sm">
            {more.hasNext && (
              <Button variant="default" onClick={more.fetchNext} loading={more.fetching}>
                Load more
              </Button>
            )}
          </Center>
        </>
      }
    />
  );
}

function EventDetail({ event: e }: { event: AuditEventDTO }) {
  return (
    <Stack gap="xs" py={4} data-testid={`event-${e.seq}-change`}>
      <ChangeView before={e.before} after={e.after} personal={e.personal} label={`Change of event ${e.seq}`} />
      <Text size="xs" c="dimmed">
        Request {e.requestId ?? "—"} · from {e.ip ?? "—"} · hash{" "}
        <Text span ff="monospace" size="xs">
          {e.hash.slice(0, 16)}…
        </Text>
      </Text>
    </Stack>
  );
}
