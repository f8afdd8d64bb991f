import { IconHistory } from "@tabler/icons-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "../lib/trpc";
import { Empty } from "../ui/Empty";
import { Section } from "../ui/Section";
import { EventsTable } from "./EventsTable";
import { candidateHistoryQuery } from "./queries";

/** The candidate page's History (admins): the audit events about this person, newest first. Lazy-loaded. */
export default function CandidateHistory({ candidateId }: { candidateId: string }) {
  const trpc = useTRPC();
  const list = useInfiniteQuery(candidateHistoryQuery(trpc, candidateId));
  return (
    <Section title="History" data-testid="candidate-history">
      <EventsTable
        data-testid="history-table"
        rows={list.data?.pages.flatMap((page) => page.items)}
        error={list.error}
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
        empty={<Empty title="No recorded events" icon={<IconHistory aria-hidden />} />}
        more={{
          hasNext: list.hasNextPage,
          fetching: list.isFetchingNextPage,
          failed: list.isFetchNextPageError,
          fetchNext: () => void list.fetchNextPage(),
        }}
      />
    </Section>
  );
}
