import { Button, Center, Group, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus, IconUserSearch } from "@tabler/icons-react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { plural } from "../lib/format";
import { useHasRole } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { Empty } from "../ui/Empty";
import { ErrorState } from "../ui/ErrorState";
import { CandidateFormModal } from "./CandidateFormModal";
import { CandidatesTable } from "./CandidatesTable";
import { FilterBar } from "./FilterBar";
import { useCandidateFilters } from "./filters";
import { StatusChips } from "./StatusChips";

const PAGE_SIZE = 25;

export default function CandidatesPage() {
  const trpc = useTRPC();
  const canWrite = useHasRole("writers");
  const [formOpened, form] = useDisclosure(false);
  const [resetKey, setResetKey] = useState(0);
  const { filters, status, withoutStatus, hasTextFilters, hasAnyFilter, setFilter, clear } = useCandidateFilters();

  const list = useInfiniteQuery(
    trpc.candidates.list.infiniteQueryOptions(
      { ...filters, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: (previous) => previous },
    ),
  );
  const stats = useQuery(
    trpc.candidates.stats.queryOptions(withoutStatus, { placeholderData: (previous) => previous }),
  );

  const candidates = list.data?.pages.flatMap((page) => page.items) ?? [];
  const shownTotal = stats.data ? (status ? stats.data.byStatus[status] : stats.data.total) : undefined;
  const nothingAtAll = !hasTextFilters && (!status || stats.data?.total === 0);

  const clearFilters = () => {
    clear();
    setResetKey((k) => k + 1);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            Candidates
          </Title>
          <Text size="sm" c="dimmed" data-testid="candidates-total" aria-live="polite">
            {shownTotal === undefined ? "Counting…" : plural(shownTotal, "candidate")}
          </Text>
        </div>
        {canWrite && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={form.open}>
            Add candidate
          </Button>
        )}
      </Group>

      <FilterBar
        filters={filters}
        onChange={setFilter}
        onClear={hasAnyFilter ? clearFilters : undefined}
        resetKey={resetKey}
      />
      <StatusChips value={status} onChange={(s) => setFilter("status", s)} stats={stats.data} />
      {stats.isError && (
        <ErrorState error={stats.error} title="Could not count candidates" onRetry={() => void stats.refetch()} />
      )}

      <CandidatesTable
        rows={list.data ? candidates : undefined}
        stale={list.isPlaceholderData}
        error={list.error}
        errorTitle="Could not load candidates"
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
        empty={
          nothingAtAll ? (
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
          <>
            {list.isFetchNextPageError && (
              <ErrorState
                error={list.error}
                title="Could not load more candidates"
                onRetry={() => void list.fetchNextPage()}
              />
            )}
            <Center>
              {list.hasNextPage ? (
                <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  Load more
                </Button>
              ) : (
                <Text size="sm" c="dimmed">
                  {candidates.length > PAGE_SIZE ? "That is everyone." : ""}
                </Text>
              )}
            </Center>
          </>
        }
      />

      {canWrite && <CandidateFormModal opened={formOpened} onClose={form.close} />}
    </Stack>
  );
}
