import { Button, Stack, Text } from "@mantine/core";
import type { CycleDto } from "@shortlist/api";
import { phaseAtLeast } from "@shortlist/api/schemas";
import { IconChartBar } from "@tabler/icons-react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { plural } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { DataTable } from "../../ui/DataTable";
import { Empty } from "../../ui/Empty";
import { ErrorState } from "../../ui/ErrorState";
import { PageLoader } from "../../ui/PageLoader";
import { Section } from "../../ui/Section";
import { CyclePage } from "../parts/CyclePage";
import { scoreColumns } from "../parts/score-columns";

// recharts is large: loaded with the chart only.
const Distribution = lazy(() => import("./Distribution"));

/** `/admissions/:id/scores`: the final scores by rank and their distribution. */
export default function ScoresPage() {
  return <CyclePage>{(cycle) => <Scores cycle={cycle} />}</CyclePage>;
}

function Scores({ cycle }: { cycle: CycleDto }) {
  const trpc = useTRPC();
  const scored = phaseAtLeast(cycle.phase, "SCORED");
  const list = useInfiniteQuery(
    trpc.admissions.scores.list.infiniteQueryOptions(
      { cycleId: cycle.id, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor, enabled: scored },
    ),
  );
  const distribution = useQuery(
    trpc.admissions.scores.distribution.queryOptions({ cycleId: cycle.id, buckets: 20 }, { enabled: scored }),
  );
  if (!scored)
    return (
      <Empty
        title="No final scores yet"
        description="Final scores are computed when an admin moves the cycle from Processing to Scored."
        icon={<IconChartBar aria-hidden />}
      />
    );
  const rows = list.data?.pages.flatMap((page) => page.items);
  return (
    <Stack gap="md">
      <Section title="Distribution">
        {distribution.error ? (
          <ErrorState
            error={distribution.error}
            title="Could not load the distribution"
            onRetry={() => void distribution.refetch()}
          />
        ) : distribution.data ? (
          <Suspense fallback={<PageLoader label="Loading the chart" />}>
            <Distribution distribution={distribution.data} />
          </Suspense>
        ) : (
          <PageLoader label="Loading the distribution" />
        )}
      </Section>
      <Section title="Scores by rank">
        <DataTable
          data-testid="scores-table"
          minWidth={720 + cycle.criteria.length * 90}
          tableProps={{ striped: true, highlightOnHover: true }}
          columns={scoreColumns(cycle)}
          rowKey={(row) => row.applicationId}
          rows={rows}
          error={list.error}
          errorTitle="Could not load the scores"
          onRetry={() => void list.refetch()}
          retrying={list.isFetching}
          empty={<Empty title="No application has a final score" description="None had an evaluation that counted." />}
          footer={
            list.hasNextPage && (
              <Button
                mt="sm"
                variant="default"
                onClick={() => void list.fetchNextPage()}
                loading={list.isFetchingNextPage}
              >
                Load more
              </Button>
            )
          }
        />
        {rows && (
          <Text size="xs" c="dimmed" mt="xs">
            {plural(rows.length, "application")} shown{list.hasNextPage ? ", more below" : ""}. Means are over the
            evaluations that counted (judges&apos; rejections left out, adjustments applied).
          </Text>
        )}
      </Section>
    </Stack>
  );
}
