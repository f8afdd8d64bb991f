import { Badge, Button, Code, Group, Progress, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { AssessmentDTO, AssessmentMetricsDTO, BenchmarkDTO, CandidateDTO } from "@shortlist/api";
import { MIN_BENCHMARK_SAMPLE } from "@shortlist/api/schemas";
import { IconChecks, IconFileAnalytics } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { useTRPC } from "../lib/trpc";
import { DataTable } from "../ui/DataTable";
import { ActionError, ErrorState } from "../ui/ErrorState";
import { invalidateAfterAssessment, invalidateReports } from "./cache";
import { fixed, percent, plural } from "../lib/format";
import { ImportActivity } from "./ImportActivity";
import { MetricGlossary } from "./MetricGlossary";

// recharts is large: loaded only when a completed assessment is shown.
const MetricBands = lazy(() => import("./MetricBands"));

interface Props {
  assessment: AssessmentDTO;
  candidate: CandidateDTO;
  canWrite: boolean;
}

export function AssessmentDetail({ assessment, candidate, canWrite }: Props) {
  return (
    <Stack gap="md" component="article" aria-label="Assessment details" data-testid="assessment-detail">
      <Text size="sm" c="dimmed">
        {assessment.role} at {assessment.company} · domains {assessment.domains.join(", ")} · recorded{" "}
        {plural(assessment.recorded.sessions, "session")}, {plural(assessment.recorded.questions, "question")} · id{" "}
        <Code data-testid="assessment-id">{assessment.id}</Code>
      </Text>
      {assessment.status === "in_progress" ? (
        canWrite ? (
          <InProgressActions assessment={assessment} candidate={candidate} />
        ) : (
          <Text size="sm">In progress: metrics appear once a recruiter completes it.</Text>
        )
      ) : (
        assessment.metrics && (
          <CompletedMetrics assessment={assessment} metrics={assessment.metrics} canWrite={canWrite} />
        )
      )}
    </Stack>
  );
}

function InProgressActions({ assessment, candidate }: { assessment: AssessmentDTO; candidate: CandidateDTO }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const complete = useMutation(
    trpc.assessments.complete.mutationOptions({
      async onSuccess(done) {
        notifications.show({
          color: "green",
          title: "Assessment completed",
          message: `Tao index ${fixed(done.metrics?.taoIndex ?? 0, 1)}; ${candidate.name} is now completed.`,
        });
        await invalidateAfterAssessment(queryClient, trpc, candidate.id);
      },
    }),
  );
  return (
    <Stack gap="md">
      <ImportActivity assessment={assessment} />
      <Group gap="sm">
        <Button
          color="violet"
          leftSection={<IconChecks size={16} aria-hidden />}
          onClick={() => complete.mutate({ assessmentId: assessment.id })}
          loading={complete.isPending}
          disabled={complete.isPending}
        >
          Complete assessment
        </Button>
        <Text size="xs" c="dimmed">
          Scores the recorded activity; no more activity can be added afterwards.
        </Text>
      </Group>
      <ActionError error={complete.error} title="Not completed" onDismiss={() => complete.reset()} />
    </Stack>
  );
}

function CompletedMetrics({
  assessment,
  metrics,
  canWrite,
}: {
  assessment: AssessmentDTO;
  metrics: AssessmentMetricsDTO;
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const benchmark = useQuery(
    trpc.benchmarks.forRole.queryOptions({ role: assessment.role, company: assessment.company }),
  );
  const generate = useMutation(
    trpc.reports.generate.mutationOptions({
      async onSuccess() {
        notifications.show({
          color: "green",
          title: "Report generated",
          message: "The new report and its PDF are ready below.",
        });
        await invalidateReports(queryClient, trpc);
      },
    }),
  );
  const effective = benchmark.data?.effective ?? null;

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Figure label="Questions" value={String(metrics.totalQueries)} />
        <Figure label="Sessions" value={String(metrics.totalSessions)} />
        <Figure label="Minutes" value={fixed(metrics.totalTimeMinutes, 0)} />
        <Figure label="Longest chain" value={String(metrics.longestChain)} />
        <Figure label="Concept retention" value={percent(metrics.conceptRetention)} />
        <Figure label="Interest ratio" value={percent(metrics.interestRatio)} />
      </SimpleGrid>

      <div>
        <Group justify="space-between" align="baseline" mb="xs" gap="xs">
          <Group gap={4}>
            <Title order={3} size="h5">
              Metrics against the {assessment.role} benchmark
            </Title>
            <MetricGlossary />
          </Group>
          {benchmark.data && <BenchmarkNote benchmark={effective} />}
        </Group>
        {benchmark.isError ? (
          <ErrorState
            error={benchmark.error}
            title="Could not load the benchmark"
            onRetry={() => void benchmark.refetch()}
          />
        ) : benchmark.isPending ? (
          <Skeleton h={180} aria-label="Loading the benchmark" />
        ) : (
          <Suspense fallback={<Skeleton h={180} aria-label="Loading the chart" />}>
            <MetricBands metrics={metrics} benchmark={effective} />
          </Suspense>
        )}
      </div>

      <DomainScores metrics={metrics} />

      {canWrite && (
        <Stack gap="xs">
          <Group gap="sm">
            <Button
              leftSection={<IconFileAnalytics size={16} aria-hidden />}
              onClick={() => generate.mutate({ assessmentId: assessment.id })}
              loading={generate.isPending}
              disabled={generate.isPending}
            >
              Generate report
            </Button>
            <Text size="xs" c="dimmed">
              A new report against the benchmark as it is now; earlier reports are kept.
            </Text>
          </Group>
          <ActionError error={generate.error} title="No report generated" onDismiss={() => generate.reset()} />
        </Stack>
      )}
    </Stack>
  );
}

function BenchmarkNote({ benchmark: b }: { benchmark: BenchmarkDTO | null }) {
  if (!b)
    return (
      <Badge color="gray" variant="outline">
        no benchmark yet
      </Badge>
    );
  const scope = b.company ? `at ${b.company}` : "all companies";
  if (b.source === "entered")
    return (
      <Text size="xs" c="dimmed">
        Entered bands ({scope})
      </Text>
    );
  return (
    <Group gap={6}>
      <Text size="xs" c="dimmed">
        {plural(b.sampleSize, "completed assessment")} ({scope})
      </Text>
      {b.thin && (
        <Badge
          color="gray"
          variant="outline"
          title={`fewer than ${MIN_BENCHMARK_SAMPLE}: bands are shown but reports do not quote them`}
        >
          benchmark thin
        </Badge>
      )}
    </Group>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </div>
  );
}

function DomainScores({ metrics }: { metrics: AssessmentMetricsDTO }) {
  if (!metrics.domainScores.length) return null;
  return (
    <div>
      <Title order={3} size="h5" mb="xs">
        Domain scores
      </Title>
      <DataTable
        data-testid="domain-scores"
        minWidth={480}
        tableProps={{ verticalSpacing: 6 }}
        rows={metrics.domainScores}
        rowKey={(d) => d.domain}
        columns={[
          {
            key: "domain",
            header: "Domain",
            cell: (d) => (
              <>
                {d.domain}{" "}
                {!d.assigned && (
                  <Badge size="xs" variant="light" color="gray">
                    explored
                  </Badge>
                )}
              </>
            ),
          },
          { key: "questions", header: "Questions", cell: (d) => d.questions },
          {
            key: "sophistication",
            header: "Mean sophistication",
            cell: (d) => (d.avgSophistication === null ? "—" : fixed(d.avgSophistication, 2)),
          },
          {
            key: "score",
            header: "Score (0–100)",
            th: { w: "40%" },
            cell: (d) => (
              <Group gap="xs" wrap="nowrap">
                <Progress
                  value={d.score}
                  color={d.score >= 60 ? "teal" : d.score < 30 ? "orange" : "indigo"}
                  flex={1}
                  aria-label={`${d.domain} score`}
                />
                <Text size="sm" ff="monospace" w={40} ta="right">
                  {fixed(d.score, 0)}
                </Text>
              </Group>
            ),
          },
        ]}
      />
    </div>
  );
}
