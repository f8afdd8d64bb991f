import { Button, Center, Group, Skeleton, Stack, Text } from "@mantine/core";
import { IconTimeline } from "@tabler/icons-react";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useHasRole } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { Empty } from "../ui/Empty";
import { ErrorState } from "../ui/ErrorState";
import { Section } from "../ui/Section";
import { invalidateNotes } from "./cache";
import { NoteEditor } from "./NoteEditor";
import { candidateTimelineQuery } from "./queries";
import { TimelineEntry } from "./TimelineEntry";

/**
 * The candidate page's Timeline: a note composer (writers), then notes and everything the audit trail holds about
 * the person, newest first. Lazy-loaded.
 */
export default function CandidateTimeline({ candidateId }: { candidateId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The page has loaded the candidate already: this reads the cache.
  const candidate = useQuery(trpc.candidates.get.queryOptions({ id: candidateId }));
  const canWrite = useHasRole("writers") && candidate.data?.erased === false;
  const list = useInfiniteQuery(candidateTimelineQuery(trpc, candidateId));

  // Whatever is saved anywhere on the page (an edit, a stage move, an assessment) is on the timeline next.
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (event.type === "updated" && event.action.type === "success")
          void queryClient.invalidateQueries(trpc.timeline.forCandidate.pathFilter());
      }),
    [queryClient, trpc],
  );

  const [composerKey, setComposerKey] = useState(0);
  const create = useMutation(
    trpc.notes.create.mutationOptions({
      async onSuccess() {
        setComposerKey((k) => k + 1);
        await invalidateNotes(queryClient, trpc);
      },
    }),
  );

  const items = list.data?.pages.flatMap((page) => page.items);
  return (
    <Section title="Timeline" data-testid="candidate-timeline">
      <Stack gap="md">
        {canWrite && (
          <NoteEditor
            key={composerKey}
            submitLabel="Add note"
            submitting={create.isPending}
            error={create.error}
            onSubmit={(body) => create.mutate({ candidateId, body })}
          />
        )}
        {list.isError && !items ? (
          <ErrorState
            error={list.error}
            title="Could not load the timeline"
            onRetry={() => void list.refetch()}
            retrying={list.isFetching}
          />
        ) : !items ? (
          <Stack gap="sm" aria-busy aria-label="Loading the timeline">
            <Skeleton h={48} />
            <Skeleton h={48} />
            <Skeleton h={48} />
          </Stack>
        ) : items.length === 0 ? (
          <Empty
            title="Nothing yet"
            description="Notes and changes will show here."
            icon={<IconTimeline aria-hidden />}
          />
        ) : (
          <Stack gap={0} component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Timeline">
            {items.map((item) => (
              <TimelineEntry key={item.key} item={item} canWrite={canWrite} />
            ))}
          </Stack>
        )}
        {list.isFetchNextPageError && (
          <Text size="sm" c="red" role="alert">
            Could not load more.
          </Text>
        )}
        {list.hasNextPage && (
          <Center>
            <Button
              variant="default"
              size="xs"
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              Load more
            </Button>
          </Center>
        )}
        {items && !list.hasNextPage && items.length > 0 && (
          <Group justify="center">
            <Text size="xs" c="dimmed">
              That is everything.
            </Text>
          </Group>
        )}
      </Stack>
    </Section>
  );
}
