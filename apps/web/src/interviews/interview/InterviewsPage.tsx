import { Anchor, Button, Stack, Text, Title } from "@mantine/core";
import { INTERVIEW_STATUSES, type InterviewStatus } from "@shortlist/api/schemas";
import type { InterviewListItemDTO } from "@shortlist/api";
import { IconMessageCircleQuestion } from "@tabler/icons-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { fixed, formatDateTime } from "../../lib/format";
import { useHasRole } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { DataTable, type Column } from "../../ui/DataTable";
import { Empty } from "../../ui/Empty";
import { Forbidden } from "../../ui/Forbidden";
import { RadioChips, type RadioChip } from "../../ui/RadioChips";
import { INTERVIEW_STATUS_LABEL } from "../parts/labels";
import { InterviewStatusBadge } from "../parts/StatusBadge";

const PAGE_SIZE = 25;
type Filter = InterviewStatus | "all";
const CHIPS: RadioChip<Filter>[] = [
  { value: "all", label: "All", count: null },
  ...INTERVIEW_STATUSES.map((status) => ({ value: status, label: INTERVIEW_STATUS_LABEL[status], count: null })),
];
const NONE: Record<InterviewStatus, string> = {
  PREPARING: "No interview in preparation",
  READY: "No link waiting for a candidate",
  IN_PROGRESS: "No interview in progress",
  COMPLETED: "No completed interview",
  CANCELLED: "No cancelled interview",
  EXPIRED: "No expired interview",
};
const isStatus = (value: string | null): value is InterviewStatus =>
  value !== null && (INTERVIEW_STATUSES as readonly string[]).includes(value);

const COLUMNS: Column<InterviewListItemDTO>[] = [
  {
    key: "candidate",
    header: "Candidate",
    skeletonWidth: 160,
    cell: (i) => (
      <Anchor component={Link} to={`/interviews/${i.id}`} fw={500}>
        {i.candidate.name}
      </Anchor>
    ),
  },
  {
    key: "job",
    header: "Job",
    skeletonWidth: 160,
    cell: (i) => (
      <Anchor component={Link} to={`/jobs/${i.job.id}`} size="sm">
        {i.job.title}
      </Anchor>
    ),
  },
  { key: "status", header: "Status", cell: (i) => <InterviewStatusBadge status={i.status} size="sm" /> },
  {
    key: "answered",
    header: "Answered",
    th: { ta: "right" },
    td: { ta: "right" },
    cell: (i) => `${i.answered} of ${i.planned}`,
  },
  {
    key: "overall",
    header: "Overall",
    th: { ta: "right" },
    td: { ta: "right" },
    cell: (i) => (i.overall === null ? "—" : fixed(i.overall, 0)),
  },
  {
    key: "updated",
    header: "Updated",
    cell: (i) => (
      <Text size="sm" c="dimmed">
        {formatDateTime(i.updatedAt)}
      </Text>
    ),
  },
];

export default function InterviewsPage() {
  if (!useHasRole("writers")) return <Forbidden what="the interviews" />;
  return <Interviews />;
}

function Interviews() {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const raw = params.get("status");
  const status: Filter = isStatus(raw) ? raw : "all";
  const list = useInfiniteQuery(
    trpc.interviews.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, statuses: status === "all" ? [] : [status] },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: (previous) => previous },
    ),
  );
  const rows = list.data?.pages.flatMap((page) => page.items);
  const setStatus = (next: Filter) => setParams(next === "all" ? {} : { status: next }, { replace: true });

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          Interviews
        </Title>
        <Text size="sm" c="dimmed">
          Prepare one from a candidate&apos;s application (“Interview” on the candidate page or the job board).
        </Text>
      </div>
      <RadioChips chips={CHIPS} value={status} onChange={setStatus} aria-label="Status" testIdPrefix="status" />
      <DataTable
        data-testid="interviews-table"
        minWidth={760}
        tableProps={{ striped: true, highlightOnHover: true, bg: "white" }}
        columns={COLUMNS}
        rowKey={(i) => i.id}
        rows={rows}
        stale={list.isPlaceholderData}
        error={list.error}
        errorTitle="Could not load the interviews"
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
        empty={
          <Empty
            title={status === "all" ? "No interviews yet" : NONE[status]}
            description="Open a candidate, then “Prepare interview” on one of their applications."
            icon={<IconMessageCircleQuestion aria-hidden />}
          />
        }
        footer={
          list.hasNextPage && (
            <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              Load more
            </Button>
          )
        }
      />
    </Stack>
  );
}
