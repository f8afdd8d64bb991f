import { Anchor, Badge, Checkbox, Group, Stack, Text, Tooltip, UnstyledButton } from "@mantine/core";
import type { CandidateSort, SortOrder } from "@shortlist/api/schemas";
import { IconArrowDown, IconArrowUp, IconSelector } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { formatDate, ordinal } from "../lib/format";
import { DataTable, type Column, type DataTableProps } from "../ui/DataTable";
import { OUTCOME_COLOR, OUTCOME_LABEL } from "../jobs";
import type { CandidateRow } from "./types";

interface Sorting {
  sort: CandidateSort;
  order: SortOrder;
  onSort: (sort: CandidateSort) => void;
}

interface Selection {
  isSelected: (id: string) => boolean;
  toggle: (row: CandidateRow) => void;
  /** Selects every row shown, or clears them when all are selected. */
  togglePage: () => void;
  /** Of the rows shown: all, some or none selected. */
  page: "all" | "some" | "none";
}

type Props = Omit<DataTableProps<CandidateRow>, "columns" | "rowKey" | "minWidth"> & {
  sorting: Sorting;
  /** Row selection for bulk actions (writers); absent, there are no checkboxes. */
  selection?: Selection;
};

const SORT_NAME: Record<CandidateSort, string> = {
  relevance: "best match",
  added: "date added",
  name: "name",
  activity: "last activity",
  score: "score",
};

/** A column header that sorts: a button saying what it does, and aria-sort on the header cell. */
function sortable(key: CandidateSort, label: string, { sort, order, onSort }: Sorting) {
  const active = sort === key;
  const Icon = !active ? IconSelector : order === "asc" ? IconArrowUp : IconArrowDown;
  const next = active ? (order === "asc" ? "descending" : "ascending") : "";
  return {
    header: (
      <UnstyledButton
        onClick={() => onSort(key)}
        fw={700}
        fz="sm"
        aria-label={`${label}: sort by ${SORT_NAME[key]}${next ? `, ${next}` : ""}`}
        data-testid={`sort-${key}`}
      >
        <Group gap={4} wrap="nowrap" component="span">
          {label}
          <Icon size={14} aria-hidden stroke={active ? 2.5 : 1.5} />
        </Group>
      </UnstyledButton>
    ),
    th: { "aria-sort": active ? (order === "asc" ? "ascending" : "descending") : "none" } as const,
  };
}

/** "72nd pct", or a dash when the person has no completed assessment. */
export const scoreLabel = (score: number | null) => (score === null ? "—" : `${ordinal(Math.round(score))} pct`);

function Jobs({ row }: { row: CandidateRow }) {
  if (!row.applications.length)
    return (
      <Text size="sm" c="dimmed">
        No job
      </Text>
    );
  const [first, ...more] = row.applications;
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <Text size="sm" lineClamp={1}>
          {first!.jobTitle} · {first!.company}
        </Text>
        {more.length > 0 && (
          <Tooltip
            label={more
              .map((a) => `${a.jobTitle} · ${a.company}: ${a.stageName}, ${OUTCOME_LABEL[a.outcome]}`)
              .join("\n")}
            multiline
            style={{ whiteSpace: "pre-line" }}
          >
            <Badge size="xs" variant="outline" tt="none" tabIndex={0}>
              +{more.length}
            </Badge>
          </Tooltip>
        )}
      </Group>
      <Group gap={4}>
        <Text size="xs" c="dimmed">
          {first!.stageName}
        </Text>
        {first!.outcome !== "active" && (
          <Badge size="xs" variant="light" color={OUTCOME_COLOR[first!.outcome]}>
            {OUTCOME_LABEL[first!.outcome]}
          </Badge>
        )}
      </Group>
    </Stack>
  );
}

function Tags({ tags }: { tags: string[] }) {
  if (!tags.length) return <Text size="sm">—</Text>;
  return (
    <Group gap={4}>
      {tags.map((tag) => (
        <Badge key={tag} size="sm" variant="light" color="gray" tt="none">
          {tag}
        </Badge>
      ))}
    </Group>
  );
}

const dimmed = (text: ReactNode) => (
  <Text size="sm" c="dimmed">
    {text}
  </Text>
);

function columns(sorting: Sorting, selection?: Selection): (Column<CandidateRow> | false)[] {
  return [
    !!selection && {
      key: "select",
      header: (
        <Checkbox
          aria-label="Select every candidate on this page"
          checked={selection.page === "all"}
          indeterminate={selection.page === "some"}
          onChange={selection.togglePage}
        />
      ),
      th: { w: 40 },
      cell: (c) => (
        <Checkbox
          aria-label={`Select ${c.name}`}
          checked={selection.isSelected(c.id)}
          onChange={() => selection.toggle(c)}
        />
      ),
    },
    {
      key: "name",
      ...sortable("name", "Name", sorting),
      // A real link: keyboard and screen-reader users reach the detail page the same way.
      cell: (c) => (
        <Stack gap={0}>
          <Anchor component={Link} to={`/candidates/${c.id}`} fw={500} data-testid="candidate-name">
            {c.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {c.email}
          </Text>
        </Stack>
      ),
    },
    { key: "jobs", header: "Job and stage", skeletonWidth: 160, cell: (c) => <Jobs row={c} /> },
    { key: "tags", header: "Tags", cell: (c) => <Tags tags={c.tags} /> },
    {
      key: "score",
      ...sortable("score", "Score", sorting),
      td: { ff: "monospace" },
      cell: (c) => <span title="Percentile of the latest completed assessment">{scoreLabel(c.score)}</span>,
    },
    {
      key: "activity",
      ...sortable("activity", "Last activity", sorting),
      cell: (c) => dimmed(formatDate(c.lastActivityAt)),
    },
    { key: "added", ...sortable("added", "Added", sorting), cell: (c) => dimmed(formatDate(c.createdAt)) },
  ];
}

/** The candidate list; `stale`: rows of the previous filters or page, shown dimmed while the new ones load. */
export function CandidatesTable({ sorting, selection, ...props }: Props) {
  return (
    <DataTable
      data-testid="candidates-table"
      minWidth={920}
      skeletonRows={6}
      tableProps={{ striped: true, highlightOnHover: true, bg: "white" }}
      columns={columns(sorting, selection)}
      rowKey={(c) => c.id}
      rowProps={(c) => (selection?.isSelected(c.id) ? { bg: "indigo.0" } : {})}
      {...props}
    />
  );
}
