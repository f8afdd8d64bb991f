import { Button, Group, Paper, Select, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconChevronLeft, IconChevronRight, IconPlus, IconUserSearch } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { count, plural } from "../lib/format";
import { useHasRole } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { Empty } from "../ui/Empty";
import { ErrorState } from "../ui/ErrorState";
import { BulkBar } from "./BulkBar";
import { CandidateFormModal } from "./CandidateFormModal";
import { CandidatesTable } from "./CandidatesTable";
import { FilterBar } from "./FilterBar";
import { PAGE_SIZES, useListView, viewParams, type PageSize } from "./filters";
import { OutcomeChips } from "./OutcomeChips";
import type { CandidateRow } from "./types";
import { ViewsMenu } from "./ViewsMenu";

export default function CandidatesPage() {
  const trpc = useTRPC();
  const canWrite = useHasRole("writers");
  const [formOpened, form] = useDisclosure(false);
  const view = useListView();
  const { filters, sort, order, size } = view;

  const input = { ...filters, sort, order, limit: size };
  // Keyset pages: the cursors of the pages walked so far, back to the first; new filters start again.
  const listKey = JSON.stringify(input);
  const [paging, setPaging] = useState({ key: listKey, cursors: [null] as (string | null)[] });
  const cursors = paging.key === listKey ? paging.cursors : [null];
  const pageIndex = cursors.length - 1;
  const list = useQuery(
    trpc.candidates.list.queryOptions({ ...input, cursor: cursors[pageIndex] }, { placeholderData: keepPreviousData }),
  );
  const stats = useQuery(
    trpc.candidates.stats.queryOptions(view.withoutOutcome, { placeholderData: keepPreviousData }),
  );

  // Rows picked for bulk actions, kept across pages of the same filters and sort.
  const selectionKey = JSON.stringify(filters);
  const [selection, setSelection] = useState({ key: selectionKey, rows: new Map<string, CandidateRow>() });
  const selected = selection.key === selectionKey ? selection.rows : new Map<string, CandidateRow>();
  const select = (change: (rows: Map<string, CandidateRow>) => void) =>
    setSelection((current) => {
      const next = new Map(current.key === selectionKey ? current.rows : []);
      change(next);
      return { key: selectionKey, rows: next };
    });

  const rows = list.data?.items;
  const shown = rows?.filter((r) => selected.has(r.id)).length ?? 0;
  const byOutcome = stats.data?.byOutcome;
  const counted =
    byOutcome === undefined
      ? undefined
      : byOutcome && (filters.outcome ? byOutcome[filters.outcome] : stats.data?.total);
  const first = pageIndex * size + 1;
  // The filter or view changing from outside (a saved view, "Clear filters") resets the inputs.
  const resetKey = viewParams(filters).toString();

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            Candidates
          </Title>
          <Text size="sm" c="dimmed" data-testid="candidates-total" aria-live="polite">
            {counted === undefined
              ? "Counting…"
              : counted === null
                ? "No count under these filters"
                : `${plural(counted, filters.outcome ? `${filters.outcome} application` : "application")}`}
          </Text>
        </div>
        <Group gap="sm">
          <ViewsMenu
            current={{ filters, sort: view.chosenSort, order }}
            onApply={(saved) => view.applyView(saved.filters, saved.sort, saved.order)}
          />
          {canWrite && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={form.open}>
              Add candidate
            </Button>
          )}
        </Group>
      </Group>

      <FilterBar
        filters={filters}
        onChange={view.setFilter}
        onClear={view.hasAnyFilter ? view.clear : undefined}
        resetKey={resetKey}
      />
      <OutcomeChips value={filters.outcome} onChange={(o) => view.setFilter("outcome", o)} byOutcome={byOutcome} />
      {stats.isError && (
        <ErrorState error={stats.error} title="Could not count candidates" onRetry={() => void stats.refetch()} />
      )}

      {canWrite && selected.size > 0 && (
        <BulkBar
          rows={[...selected.values()].map((r) => rows?.find((fresh) => fresh.id === r.id) ?? r)}
          onClear={() => select((s) => s.clear())}
        />
      )}

      <CandidatesTable
        rows={rows}
        stale={list.isPlaceholderData}
        error={list.error}
        errorTitle="Could not load candidates"
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
        sorting={{ sort, order, onSort: view.sortBy }}
        selection={
          canWrite
            ? {
                isSelected: (id) => selected.has(id),
                toggle: (row) => select((s) => (s.has(row.id) ? s.delete(row.id) : s.set(row.id, row))),
                togglePage: () =>
                  select((s) => {
                    const all = rows?.length && shown === rows.length;
                    for (const row of rows ?? [])
                      if (all) s.delete(row.id);
                      else s.set(row.id, row);
                  }),
                page: !rows?.length || shown === 0 ? "none" : shown === rows.length ? "all" : "some",
              }
            : undefined
        }
        empty={
          !view.hasAnyFilter && pageIndex === 0 ? (
            <Empty
              title="No candidates yet — add the first one"
              description={
                canWrite ? "Use “Add candidate” above to open the form." : "Recruiters and admins can add candidates."
              }
              icon={<IconUserSearch aria-hidden />}
            />
          ) : (
            <Empty
              title="No candidates match these filters"
              description="Change the filters, or use “Clear filters” above."
              icon={<IconUserSearch aria-hidden />}
            />
          )
        }
        footer={
          <Pager
            size={size}
            onSize={view.setSize}
            range={rows?.length ? `${count(first)}–${count(first + rows.length - 1)}` : null}
            onPrevious={pageIndex > 0 ? () => setPaging({ key: listKey, cursors: cursors.slice(0, -1) }) : undefined}
            onNext={
              list.data?.nextCursor && !list.isPlaceholderData
                ? () => setPaging({ key: listKey, cursors: [...cursors, list.data.nextCursor] })
                : undefined
            }
            loading={list.isFetching}
          />
        }
      />

      {canWrite && <CandidateFormModal opened={formOpened} onClose={form.close} />}
    </Stack>
  );
}

interface PagerProps {
  size: PageSize;
  onSize: (size: PageSize) => void;
  /** "26–50", or null with no rows. */
  range: string | null;
  onPrevious?: () => void;
  onNext?: () => void;
  loading: boolean;
}

/** Rows per page, which rows these are, and the previous and next pages (keyset: one step at a time). */
function Pager({ size, onSize, range, onPrevious, onNext, loading }: PagerProps) {
  return (
    <Paper p="xs" mt="xs" bg="transparent">
      <Group justify="space-between" gap="sm">
        <Group gap="xs">
          <Text size="sm" c="dimmed" component="label" htmlFor="candidates-page-size">
            Rows per page
          </Text>
          <Select
            id="candidates-page-size"
            w={90}
            size="xs"
            allowDeselect={false}
            data={PAGE_SIZES.map(String)}
            value={String(size)}
            onChange={(value) => value && onSize(Number(value) as PageSize)}
          />
        </Group>
        <Group gap="xs">
          <Text size="sm" c="dimmed" data-testid="candidates-range" aria-live="polite">
            {range ? `Rows ${range}` : ""}
          </Text>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconChevronLeft size={14} aria-hidden />}
            disabled={!onPrevious}
            onClick={onPrevious}
          >
            Previous
          </Button>
          <Button
            size="xs"
            variant="default"
            rightSection={<IconChevronRight size={14} aria-hidden />}
            disabled={!onNext}
            loading={loading && !!onNext}
            onClick={onNext}
          >
            Next
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
