import { Button, Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { CycleDto, ScoreRowDto } from "@shortlist/api";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { DataTable, type Column } from "../../ui/DataTable";
import { Empty } from "../../ui/Empty";
import { Section } from "../../ui/Section";
import { scoreColumns } from "../parts/score-columns";
import { OverrideDialog } from "./OverrideDialog";

/** Admins include or exclude scored applications (with a reason) before a selection run, SCORED and SELECTION. */
export function OverridesSection({ cycle }: { cycle: CycleDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<ScoreRowDto | null>(null);
  const list = useInfiniteQuery(
    trpc.admissions.scores.list.infiniteQueryOptions(
      { cycleId: cycle.id, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const remove = useMutation(
    trpc.admissions.selection.removeOverride.mutationOptions({
      async onSuccess(row) {
        notifications.show({ color: "green", title: "Override removed", message: `Application #${row.number}.` });
        await queryClient.invalidateQueries({ queryKey: trpc.admissions.pathKey() });
      },
      onError: (error) => notifications.show({ color: "red", title: "Not removed", message: errorMessage(error) }),
    }),
  );
  const rows = list.data?.pages.flatMap((page) => page.items);
  const columns: Column<ScoreRowDto>[] = [
    ...scoreColumns(cycle).filter((c) => !c.key.startsWith("criterion-")),
    {
      key: "actions",
      header: "Actions",
      cell: (row) => (
        <Group gap={4} wrap="nowrap">
          <Button
            size="xs"
            variant="default"
            onClick={() => setEditing(row)}
            aria-label={`Override application #${row.number}`}
          >
            {row.override ? "Change" : "Override"}
          </Button>
          {row.override && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              loading={remove.isPending && remove.variables?.applicationId === row.applicationId}
              onClick={() => remove.mutate({ applicationId: row.applicationId })}
              aria-label={`Remove the override of application #${row.number}`}
            >
              Remove
            </Button>
          )}
        </Group>
      ),
    },
  ];
  return (
    <Section title="Overrides">
      <Text size="sm" c="dimmed" mb="xs">
        Selection takes the included first (by rank), then the rest by rank, skipping the excluded, up to capacity.
        Every override needs a reason.
      </Text>
      <DataTable
        data-testid="overrides-table"
        minWidth={820}
        tableProps={{ striped: true }}
        columns={columns}
        rowKey={(row) => row.applicationId}
        rows={rows}
        error={list.error}
        errorTitle="Could not load the scores"
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
        empty={<Empty title="No application has a final score" />}
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
      <OverrideDialog row={editing} onClose={() => setEditing(null)} />
    </Section>
  );
}
