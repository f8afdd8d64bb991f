import { Anchor, Badge, Button, Kbd, Stack, Switch, Text } from "@mantine/core";
import type { CycleDto, ReviewQueueItemDto } from "@shortlist/api";
import { IconCheck, IconInbox } from "@tabler/icons-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { count, percent, plural } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { DataTable, type Column } from "../../ui/DataTable";
import { Empty } from "../../ui/Empty";
import { Section } from "../../ui/Section";
import { StatusBadge } from "../parts/badges";
import { CyclePage } from "../parts/CyclePage";
import { usePageKeys } from "../parts/keys";
import { score10 } from "../parts/labels";

/** `/admissions/:id/review`: the anonymized applications, navigable by keyboard. */
export default function ReviewQueuePage() {
  return <CyclePage>{(cycle) => <ReviewQueue cycle={cycle} />}</CyclePage>;
}

const applicationPath = (cycleId: string, row: ReviewQueueItemDto) =>
  `/admissions/${cycleId}/review/${row.applicationId}`;

function ReviewQueue({ cycle }: { cycle: CycleDto }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [unscoredByMe, setUnscoredByMe] = useState(false);
  const [highlighted, setHighlighted] = useState(0);
  const links = useRef(new Map<number, HTMLAnchorElement>());
  const queue = useInfiniteQuery(
    trpc.admissions.review.queue.infiniteQueryOptions(
      { cycleId: cycle.id, unscoredByMe, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: (previous) => previous },
    ),
  );
  const rows = queue.data?.pages.flatMap((page) => page.items);

  const highlight = (index: number) => {
    if (!rows?.length) return;
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setHighlighted(next);
    links.current.get(next)?.focus();
    if (next === rows.length - 1 && queue.hasNextPage && !queue.isFetchingNextPage) void queue.fetchNextPage();
  };
  const at = Math.min(highlighted, (rows?.length ?? 1) - 1);
  // The first key press only brings the focus to the highlighted row; the next ones move it.
  const onRow = () => [...links.current.values()].some((link) => link === document.activeElement);
  const down = () => highlight(onRow() ? at + 1 : at);
  const up = () => highlight(onRow() ? at - 1 : at);
  usePageKeys({
    ArrowDown: down,
    j: down,
    ArrowUp: up,
    k: up,
    Enter: (event) => {
      // A focused link or button opens itself.
      if ((event.target as HTMLElement).closest("a,button") || !rows?.[at]) return false;
      void navigate(applicationPath(cycle.id, rows[at]));
    },
  });

  const columns: Column<ReviewQueueItemDto>[] = [
    {
      key: "number",
      header: "Application",
      cell: (row) => {
        const index = rows!.indexOf(row);
        return (
          <Anchor
            component={Link}
            to={applicationPath(cycle.id, row)}
            fw={500}
            ref={(element: HTMLAnchorElement | null) => {
              if (element) links.current.set(index, element);
              else links.current.delete(index);
            }}
            onFocus={() => setHighlighted(index)}
            data-testid="queue-application"
          >
            #{row.number}
          </Anchor>
        );
      },
    },
    { key: "status", header: "Status", cell: (row) => <StatusBadge status={row.status} /> },
    { key: "words", header: "Words", th: { ta: "right" }, td: { ta: "right" }, cell: (row) => count(row.totalWords) },
    {
      key: "answered",
      header: "Answered",
      th: { ta: "right" },
      td: { ta: "right" },
      cell: (row) => percent(row.answeredRatio),
    },
    {
      key: "evaluations",
      header: "Evaluations",
      th: { ta: "right" },
      td: { ta: "right" },
      cell: (row) => count(row.evaluations),
    },
    {
      key: "score",
      header: "Final score",
      th: { ta: "right" },
      td: { ta: "right", ff: "monospace" },
      cell: (row) => score10(row.finalScore),
    },
    {
      key: "mine",
      header: "Scored by me",
      cell: (row) =>
        row.scoredByMe ? (
          <Badge color="green" variant="light" leftSection={<IconCheck size={12} aria-hidden />}>
            Scored
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            Not yet
          </Text>
        ),
    },
  ];

  return (
    <Section
      title="Review queue"
      actions={
        <Switch
          label="Not scored by me"
          checked={unscoredByMe}
          onChange={(event) => {
            setUnscoredByMe(event.currentTarget.checked);
            setHighlighted(0);
          }}
        />
      }
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed" id="queue-keys">
          Anonymized applications only: names, contacts and identifying answers stay sealed. <Kbd>↑</Kbd>/<Kbd>↓</Kbd>{" "}
          or <Kbd>j</Kbd>/<Kbd>k</Kbd> move, <Kbd>Enter</Kbd> opens.
        </Text>
        <DataTable
          data-testid="review-queue"
          minWidth={760}
          tableProps={{ highlightOnHover: true, "aria-describedby": "queue-keys" }}
          columns={columns}
          rowKey={(row) => row.applicationId}
          rows={rows}
          stale={queue.isPlaceholderData}
          onRowClick={(row) => void navigate(applicationPath(cycle.id, row))}
          rowProps={(row) =>
            rows!.indexOf(row) === at
              ? {
                  bg: "indigo.0",
                  "data-highlighted": true,
                  style: { cursor: "pointer", outline: "2px solid var(--mantine-color-indigo-5)", outlineOffset: -2 },
                }
              : {}
          }
          error={queue.error}
          errorTitle="Could not load the review queue"
          onRetry={() => void queue.refetch()}
          retrying={queue.isFetching}
          empty={
            <Empty
              title={unscoredByMe ? "You have scored every application" : "No anonymized applications yet"}
              description={
                unscoredByMe
                  ? "Turn off “Not scored by me” to see them all."
                  : "Applications appear here once preprocessing has scrubbed them."
              }
              icon={<IconInbox aria-hidden />}
            />
          }
          footer={
            queue.hasNextPage && (
              <Button
                mt="sm"
                variant="default"
                onClick={() => void queue.fetchNextPage()}
                loading={queue.isFetchingNextPage}
              >
                Load more
              </Button>
            )
          }
        />
        {rows && (
          <Text size="xs" c="dimmed" aria-live="polite">
            {plural(rows.length, "application")} shown{queue.hasNextPage ? ", more below" : ""}
          </Text>
        )}
      </Stack>
    </Section>
  );
}
