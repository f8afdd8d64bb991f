import { Anchor, Badge, Button, Center, Checkbox, Group, Stack, Text, UnstyledButton } from "@mantine/core";
import type { ApplicationSort } from "@shortlist/api/schemas";
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconUsers } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import { formatDate, plural } from "../../lib/format";
import { DataTable, type Column } from "../../ui/DataTable";
import { Empty } from "../../ui/Empty";
import { ErrorState } from "../../ui/ErrorState";
import { daysIn, scoreLabel } from "../card-format";
import type { ApplicationRow, JobDetail } from "../types";
import { BulkBar } from "./BulkBar";
import { useApplicationPages } from "./useApplicationPages";

const PAGE_SIZE = 50;

type Direction = "asc" | "desc";

const SORTABLE: Partial<Record<string, { sort: ApplicationSort; first: Direction }>> = {
  name: { sort: "name", first: "asc" },
  score: { sort: "score", first: "desc" },
  added: { sort: "added", first: "desc" },
  activity: { sort: "activity", first: "desc" },
};

/** The job's active and hired applications as a table: sortable, paged, with row selection and bulk actions. */
export function ApplicationsList({ job, canWrite }: { job: JobDetail; canWrite: boolean }) {
  const [sort, setSort] = useState<{ sort: ApplicationSort; direction: Direction }>({
    sort: "added",
    direction: "desc",
  });
  // Selected rows as they were read: the bulk actions need only their ids, the CSV export their fields.
  const [selected, setSelected] = useState<ReadonlyMap<string, ApplicationRow>>(new Map());
  const list = useApplicationPages({ jobId: job.id, ...sort, limit: PAGE_SIZE });
  const rows = list.data?.pages.flatMap((page) => page.items);

  const toggle = (row: ApplicationRow) => {
    const next = new Map(selected);
    if (next.has(row.applicationId)) next.delete(row.applicationId);
    else next.set(row.applicationId, row);
    setSelected(next);
  };
  const allShownSelected = !!rows?.length && rows.every((row) => selected.has(row.applicationId));
  const someShownSelected = !!rows?.some((row) => selected.has(row.applicationId));
  const toggleAll = () => {
    const next = new Map(selected);
    for (const row of rows ?? []) {
      if (allShownSelected) next.delete(row.applicationId);
      else next.set(row.applicationId, row);
    }
    setSelected(next);
  };

  const sortHeader = (key: string, label: string) => {
    const sortable = SORTABLE[key]!;
    const active = sort.sort === sortable.sort;
    const Icon = !active ? IconArrowsSort : sort.direction === "asc" ? IconArrowUp : IconArrowDown;
    return (
      <UnstyledButton
        onClick={() =>
          setSort({
            sort: sortable.sort,
            direction: active ? (sort.direction === "asc" ? "desc" : "asc") : sortable.first,
          })
        }
        fw={700}
        fz="sm"
      >
        <Group gap={4} wrap="nowrap" component="span">
          {label}
          <Icon size={14} aria-hidden color={active ? undefined : "var(--mantine-color-gray-5)"} />
        </Group>
      </UnstyledButton>
    );
  };
  const ariaSort = (key: string) => {
    const sortable = SORTABLE[key]!;
    if (sort.sort !== sortable.sort) return "none" as const;
    return sort.direction === "asc" ? ("ascending" as const) : ("descending" as const);
  };

  const columns: (Column<ApplicationRow> | false)[] = [
    canWrite && {
      key: "select",
      header: (
        <Checkbox
          aria-label="Select all shown"
          checked={allShownSelected}
          indeterminate={someShownSelected && !allShownSelected}
          onChange={toggleAll}
        />
      ),
      th: { w: 40 },
      skeletonWidth: 16,
      cell: (row) => (
        <Checkbox
          aria-label={`Select ${row.name}`}
          checked={selected.has(row.applicationId)}
          onChange={() => toggle(row)}
        />
      ),
    },
    {
      key: "name",
      header: sortHeader("name", "Name"),
      th: { "aria-sort": ariaSort("name") },
      cell: (row) => (
        <Anchor component={Link} to={`/candidates/${row.candidateId}`} fw={500}>
          {row.name}
        </Anchor>
      ),
    },
    {
      key: "stage",
      header: "Stage",
      cell: (row) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm">{row.stageName}</Text>
          {row.outcome !== "active" && (
            <Badge size="xs" variant="light" color={row.outcome === "hired" ? "green" : "gray"}>
              {row.outcome}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: "score",
      header: sortHeader("score", "Score"),
      th: { "aria-sort": ariaSort("score") },
      cell: (row) => scoreLabel(row.score),
    },
    { key: "days", header: "In stage", cell: (row) => daysIn(row.stageEnteredAt) },
    {
      key: "added",
      header: sortHeader("added", "Added"),
      th: { "aria-sort": ariaSort("added") },
      cell: (row) => formatDate(row.addedAt),
    },
    {
      key: "activity",
      header: sortHeader("activity", "Last activity"),
      th: { "aria-sort": ariaSort("activity") },
      cell: (row) => formatDate(row.lastActivityAt),
    },
    {
      key: "tags",
      header: "Tags",
      cell: (row) => (
        <Group gap={4}>
          {row.tags.map((tag) => (
            <Badge key={tag} size="xs" variant="light" color="gray" tt="none">
              {tag}
            </Badge>
          ))}
        </Group>
      ),
    },
  ];

  return (
    <Stack gap="sm">
      {canWrite && <BulkBar job={job} selected={[...selected.values()]} onClear={() => setSelected(new Map())} />}
      <DataTable
        data-testid="applications-table"
        minWidth={900}
        skeletonRows={5}
        tableProps={{ striped: true, highlightOnHover: true, bg: "white" }}
        columns={columns}
        rowKey={(row) => row.applicationId}
        rows={rows}
        stale={list.isPlaceholderData}
        error={list.error}
        errorTitle="Could not load the applications"
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
        rowProps={(row) => ({ "aria-selected": selected.has(row.applicationId) || undefined })}
        empty={
          <Empty
            title="Nobody in this job's pipeline"
            description="Add candidates to the job from the candidate form or a candidate's page."
            icon={<IconUsers aria-hidden />}
          />
        }
        footer={
          <>
            {list.isFetchNextPageError && (
              <ErrorState error={list.error} title="Could not load more" onRetry={() => void list.fetchNextPage()} />
            )}
            <Center>
              {list.hasNextPage ? (
                <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  Load more
                </Button>
              ) : (
                rows &&
                rows.length > 0 && (
                  <Text size="sm" c="dimmed">
                    {plural(rows.length, "application")}
                  </Text>
                )
              )}
            </Center>
          </>
        }
      />
    </Stack>
  );
}
