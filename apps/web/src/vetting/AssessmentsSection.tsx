import { Alert, Button, Skeleton, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { AssessmentDTO, CandidateDTO } from "@shortlist/api";
import { IconPlayerPlay, IconReportAnalytics } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { canWriteCandidates, useSession } from "../auth/session";
import { useTRPC } from "../trpc";
import { Empty } from "../ui/Empty";
import { ErrorState } from "../ui/ErrorState";
import { errorMessage } from "../ui/errors";
import { formatDateTime } from "../ui/format";
import { Section } from "../ui/Section";
import { AssessmentDetail } from "./AssessmentDetail";
import { AssessmentStatusBadge, ThinBadge } from "./badges";
import { invalidateAfterAssessment } from "./cache";
import { fixed, ordinal } from "./format";

/** Percentile (or "benchmark thin") of a completed assessment, "—" while in progress. */
export function PercentileCell({ assessment }: { assessment: AssessmentDTO }) {
  const m = assessment.metrics;
  if (!m) return <>—</>;
  if (m.percentileThin) return <ThinBadge sampleSize={m.percentileSampleSize} />;
  return (
    <>
      {ordinal(m.percentile)}{" "}
      <Text span size="xs" c="dimmed">
        of {m.percentileSampleSize}
      </Text>
    </>
  );
}

export function AssessmentsSection({ candidate }: { candidate: CandidateDTO }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const user = useSession();
  const canWrite = canWriteCandidates(user.role);
  const list = useQuery(trpc.assessments.listForCandidate.queryOptions({ candidateId: candidate.id }));
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const start = useMutation(
    trpc.assessments.start.mutationOptions({
      async onSuccess(started) {
        setSelectedId(started.id);
        notifications.show({
          color: "green",
          title: "Assessment started",
          message: `${candidate.name}'s assessment is in progress.`,
        });
        await invalidateAfterAssessment(queryClient, trpc, candidate.id);
      },
    }),
  );

  const assessments = list.data ?? [];
  const inProgress = assessments.find((a) => a.status === "in_progress");
  const selected = assessments.find((a) => a.id === selectedId) ?? assessments[0];

  const actions = canWrite && (
    <Stack gap={2} align="flex-end">
      <Button
        size="sm"
        leftSection={<IconPlayerPlay size={16} aria-hidden />}
        onClick={() => start.mutate({ candidateId: candidate.id })}
        loading={start.isPending}
        disabled={start.isPending || !!inProgress || list.isPending}
      >
        Start assessment
      </Button>
      {inProgress && (
        <Text size="xs" c="dimmed">
          One is in progress: complete it first.
        </Text>
      )}
    </Stack>
  );

  return (
    <Section title="Assessments" actions={actions} data-testid="assessments-section">
      <Stack gap="md">
        {start.isError && (
          <Alert
            color="red"
            variant="light"
            title="Could not start an assessment"
            role="alert"
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => start.reset()}
          >
            {errorMessage(start.error)}
          </Alert>
        )}
        {list.isPending ? (
          <Stack gap="xs" aria-busy>
            <Skeleton h={14} />
            <Skeleton h={14} />
            <Skeleton h={14} w="60%" />
          </Stack>
        ) : list.isError ? (
          <ErrorState
            error={list.error}
            title="Could not load the assessments"
            onRetry={() => void list.refetch()}
            retrying={list.isFetching}
          />
        ) : assessments.length === 0 ? (
          <Empty
            title="No assessments yet"
            description={
              canWrite
                ? "Start one when the candidate has consented and has assessment domains; then import their activity."
                : "Recruiters and admins start assessments."
            }
            icon={<IconReportAnalytics aria-hidden />}
          />
        ) : (
          <>
            <AssessmentsTable assessments={assessments} selectedId={selected?.id} onSelect={setSelectedId} />
            {selected && (
              <AssessmentDetail key={selected.id} assessment={selected} candidate={candidate} canWrite={canWrite} />
            )}
          </>
        )}
      </Stack>
    </Section>
  );
}

function AssessmentsTable({
  assessments,
  selectedId,
  onSelect,
}: {
  assessments: AssessmentDTO[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table data-testid="assessments-table" verticalSpacing="xs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            {["Status", "Started", "Completed", "Activity", "Tao index", "Percentile", ""].map((c, i) => (
              <Table.Th key={i} scope="col">
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {assessments.map((a) => {
            const current = a.id === selectedId;
            return (
              <Table.Tr key={a.id} bg={current ? "indigo.0" : undefined} aria-current={current || undefined}>
                <Table.Td>
                  <AssessmentStatusBadge status={a.status} />
                </Table.Td>
                <Table.Td>{formatDateTime(a.startedAt)}</Table.Td>
                <Table.Td>{formatDateTime(a.completedAt)}</Table.Td>
                <Table.Td>
                  {a.recorded.sessions} sessions, {a.recorded.questions} questions
                </Table.Td>
                <Table.Td ff="monospace">{a.metrics ? fixed(a.metrics.taoIndex, 1) : "—"}</Table.Td>
                <Table.Td>
                  <PercentileCell assessment={a} />
                </Table.Td>
                <Table.Td>
                  {assessments.length > 1 && (
                    <Button
                      size="compact-xs"
                      variant={current ? "light" : "subtle"}
                      onClick={() => onSelect(a.id)}
                      aria-pressed={current}
                      aria-label={`Show the assessment started ${formatDateTime(a.startedAt)}`}
                    >
                      {current ? "Shown" : "Show"}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
