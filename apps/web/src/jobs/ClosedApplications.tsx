import { Anchor, Button, Center, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { applicationActionBlocked, type ApplicationOutcome } from "@shortlist/api/schemas";
import { IconArrowBackUp, IconChevronDown, IconChevronRight } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { errorMessage, errorReason } from "../lib/errors";
import { count, formatDate } from "../lib/format";
import { useTRPC } from "../lib/trpc";
import { DataTable } from "../ui/DataTable";
import { Blocked, blockedProps } from "./Blocked";
import { useApplicationPages } from "./list/useApplicationPages";
import { refreshJob } from "./refresh";
import type { ApplicationRow, JobDetail } from "./types";

type Closed = Extract<ApplicationOutcome, "rejected" | "withdrawn">;

const TITLE: Record<Closed, string> = { rejected: "Rejected", withdrawn: "Withdrawn" };

/** The job's rejected and withdrawn applications, off the board: each under its toggle, with Reopen. */
export function ClosedApplications({ job, canWrite }: { job: JobDetail; canWrite: boolean }) {
  const [open, setOpen] = useState<Closed | null>(null);
  return (
    <Stack gap="sm" data-testid="closed-applications">
      <Group gap="sm">
        {(["rejected", "withdrawn"] as const).map((outcome) => (
          <Button
            key={outcome}
            variant={open === outcome ? "light" : "subtle"}
            color="gray"
            aria-expanded={open === outcome}
            leftSection={
              open === outcome ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />
            }
            onClick={() => setOpen(open === outcome ? null : outcome)}
          >
            {TITLE[outcome]} ({count(job.counts[outcome])})
          </Button>
        ))}
      </Group>
      {open && <ClosedList key={open} job={job} outcome={open} canWrite={canWrite} />}
    </Stack>
  );
}

function ClosedList({ job, outcome, canWrite }: { job: JobDetail; outcome: Closed; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useApplicationPages({ jobId: job.id, outcome, sort: "activity", direction: "desc", limit: 50 });
  const reopen = useMutation(
    trpc.applications.reopen.mutationOptions({
      onSuccess(application) {
        notifications.show({
          color: "green",
          title: "Reopened",
          message: `Back in ${application.stageName}.`,
        });
      },
      onError(error) {
        const stale = errorReason(error) === "stale_version";
        notifications.show({
          color: stale ? "orange" : "red",
          title: "Not reopened",
          message: stale ? "Someone else changed this application; the list was refreshed." : errorMessage(error),
        });
      },
      onSettled: () => refreshJob(queryClient, trpc, job.id),
    }),
  );
  const rows = list.data?.pages.flatMap((page) => page.items);

  return (
    <DataTable<ApplicationRow>
      data-testid={`${outcome}-table`}
      minWidth={640}
      tableProps={{ bg: "white" }}
      rows={rows}
      rowKey={(row) => row.applicationId}
      error={list.error}
      errorTitle={`Could not load the ${outcome} applications`}
      onRetry={() => void list.refetch()}
      retrying={list.isFetching}
      empty={
        <Text size="sm" c="dimmed">
          None.
        </Text>
      }
      columns={[
        {
          key: "name",
          header: "Name",
          cell: (row) => (
            <Anchor component={Link} to={`/candidates/${row.candidateId}`} fw={500}>
              {row.name}
            </Anchor>
          ),
        },
        { key: "stage", header: "Stopped in", cell: (row) => row.stageName },
        { key: "when", header: TITLE[outcome], cell: (row) => formatDate(row.lastActivityAt) },
        canWrite && {
          key: "actions",
          header: "Actions",
          cell: (row) => {
            const reason = applicationActionBlocked("reopen", row.outcome, job.status);
            return (
              <Blocked reason={reason}>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconArrowBackUp size={14} aria-hidden />}
                  aria-label={`Reopen ${row.name}`}
                  loading={reopen.isPending && reopen.variables.id === row.applicationId}
                  {...blockedProps(reason, () => reopen.mutate({ id: row.applicationId, version: row.version }))}
                >
                  Reopen
                </Button>
              </Blocked>
            );
          },
        },
      ]}
      footer={
        list.hasNextPage && (
          <Center>
            <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              Load more
            </Button>
          </Center>
        )
      }
    />
  );
}
