import { Anchor, Button, Group, Paper, Progress, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { APPLICATION_OUTCOMES, type ApplicationOutcome } from "@shortlist/api/schemas";
import { IconDownload, IconFileAnalytics, IconHourglass, IconUserSearch } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { useTRPC } from "../lib/trpc";
import { Empty } from "../ui/Empty";
import { ErrorState } from "../ui/ErrorState";
import { OUTCOME_COLOR, OUTCOME_LABEL } from "../jobs";
import { count as formatCount, formatDate, formatDateTime, percent, plural } from "../lib/format";
import { DataTable, queryRows } from "../ui/DataTable";
import { Section } from "../ui/Section";
import { RecommendationBadge } from "../vetting";

const LIST_LIMIT = 10;

/** The home screen: applications by outcome, assessments in progress, the latest reports. */
export default function HomePage() {
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        Overview
      </Title>
      <Pipeline />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <InProgress />
        <LatestReports />
      </SimpleGrid>
    </Stack>
  );
}

function ListSkeleton() {
  return (
    <Stack gap="xs" aria-busy>
      <Skeleton h={14} />
      <Skeleton h={14} />
      <Skeleton h={14} w="60%" />
    </Stack>
  );
}

/**
 * Applications by outcome, summed from the jobs' counters (kept by every move, never counted by scanning). The
 * assessments in progress are the assessments' own status, listed below: the two never claim the same thing.
 */
function Pipeline() {
  const trpc = useTRPC();
  const stats = useQuery(trpc.candidates.stats.queryOptions({}));
  return (
    <Section
      title="Applications by outcome"
      data-testid="home-pipeline"
      actions={
        <Anchor component={Link} to="/candidates" size="sm">
          All candidates
        </Anchor>
      }
    >
      {stats.isPending ? (
        <ListSkeleton />
      ) : stats.isError ? (
        <ErrorState
          error={stats.error}
          title="Could not count the applications"
          onRetry={() => void stats.refetch()}
          retrying={stats.isFetching}
        />
      ) : !stats.data.byOutcome || stats.data.total === 0 ? (
        <Empty
          title="No applications yet"
          description="Add candidates to a job in the Jobs or Candidates screen."
          icon={<IconUserSearch aria-hidden />}
        />
      ) : (
        <OutcomeCounts total={stats.data.total} byOutcome={stats.data.byOutcome} />
      )}
    </Section>
  );
}

function OutcomeCounts({ total, byOutcome }: { total: number; byOutcome: Record<ApplicationOutcome, number> }) {
  return (
    <Stack gap="md">
      <Progress.Root size={14} aria-hidden>
        {APPLICATION_OUTCOMES.filter((o) => byOutcome[o] > 0).map((o) => (
          <Progress.Section key={o} value={(100 * byOutcome[o]) / total} color={OUTCOME_COLOR[o]} />
        ))}
      </Progress.Root>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        <OutcomeCount to="/candidates" label="All" count={total} testId="home-outcome-all" />
        {APPLICATION_OUTCOMES.map((o) => (
          <OutcomeCount
            key={o}
            to={`/candidates?outcome=${o}`}
            label={OUTCOME_LABEL[o]}
            count={byOutcome[o]}
            color={OUTCOME_COLOR[o]}
            testId={`home-outcome-${o}`}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function OutcomeCount({
  to,
  label,
  count,
  color,
  testId,
}: {
  to: string;
  label: string;
  count: number;
  color?: string;
  testId: string;
}) {
  return (
    <Paper
      component={Link}
      to={to}
      withBorder
      p="sm"
      radius="md"
      td="none"
      c="inherit"
      data-testid={testId}
      aria-label={`${label}: ${plural(count, "application")}`}
      style={{ borderLeft: color ? `4px solid var(--mantine-color-${color}-6)` : undefined }}
    >
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {formatCount(count)}
      </Text>
    </Paper>
  );
}

function InProgress() {
  const trpc = useTRPC();
  const list = useQuery(trpc.assessments.listInProgress.queryOptions({ limit: LIST_LIMIT }));
  return (
    <Section title="Assessments in progress" data-testid="home-in-progress">
      <DataTable
        minWidth={420}
        tableProps={{ verticalSpacing: "xs", highlightOnHover: true }}
        {...queryRows(list)}
        rowKey={(a) => a.id}
        errorTitle="Could not load the assessments"
        empty={
          <Empty
            title="No assessment in progress"
            description="Start one from a candidate's page."
            icon={<IconHourglass aria-hidden />}
          />
        }
        columns={[
          {
            key: "candidate",
            header: "Candidate",
            cell: (a) => (
              <Anchor component={Link} to={`/candidates/${a.candidateId}`} size="sm" fw={500}>
                {a.candidateName}
              </Anchor>
            ),
          },
          {
            key: "role",
            header: "Role",
            cell: (a) => (
              <>
                <Text size="sm">{a.role}</Text>
                <Text size="xs" c="dimmed">
                  {a.company}
                </Text>
              </>
            ),
          },
          { key: "started", header: "Started", cell: (a) => formatDate(a.startedAt) },
          {
            key: "recorded",
            header: "Recorded",
            cell: (a) => (
              <Text size="sm">
                {plural(a.recorded.sessions, "session")}, {plural(a.recorded.questions, "question")}
              </Text>
            ),
          },
        ]}
      />
    </Section>
  );
}

function LatestReports() {
  const trpc = useTRPC();
  const list = useQuery(trpc.reports.listLatest.queryOptions({ limit: LIST_LIMIT }));
  return (
    <Section title="Latest reports" data-testid="home-latest-reports">
      <DataTable
        minWidth={480}
        tableProps={{ verticalSpacing: "xs", highlightOnHover: true }}
        {...queryRows(list)}
        rowKey={(r) => r.id}
        errorTitle="Could not load the reports"
        empty={
          <Empty
            title="No reports yet"
            description="Generate one from a completed assessment."
            icon={<IconFileAnalytics aria-hidden />}
          />
        }
        columns={[
          {
            key: "candidate",
            header: "Candidate",
            cell: (r) => (
              <>
                <Anchor component={Link} to={`/candidates/${r.candidateId}`} size="sm" fw={500}>
                  {r.candidateName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {r.role}, {r.company}
                </Text>
              </>
            ),
          },
          {
            key: "recommendation",
            header: "Recommendation",
            cell: (r) => (
              <Group gap={6} wrap="nowrap">
                <RecommendationBadge recommendation={r.recommendation} size="sm" />
                <Text size="xs" c="dimmed">
                  {percent(r.confidence)}
                </Text>
              </Group>
            ),
          },
          {
            key: "generated",
            header: "Generated",
            cell: (r) => <Text size="sm">{formatDateTime(r.generatedAt)}</Text>,
          },
          {
            key: "pdf",
            header: "PDF",
            cell: (r) => (
              <Button
                component="a"
                href={r.pdf.downloadPath}
                download
                size="compact-xs"
                variant="subtle"
                leftSection={<IconDownload size={12} aria-hidden />}
                aria-label={`Download the PDF report on ${r.candidateName}`}
              >
                PDF
              </Button>
            ),
          },
        ]}
      />
    </Section>
  );
}
