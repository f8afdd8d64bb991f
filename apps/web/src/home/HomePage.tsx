import { Anchor, Button, Group, Paper, Progress, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { CANDIDATE_STATUSES } from "@shortlist/api/schemas";
import { IconDownload, IconFileAnalytics, IconHourglass, IconUserSearch } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { useTRPC } from "../lib/trpc";
import { Empty } from "../ui/Empty";
import { ErrorState } from "../ui/ErrorState";
import { STATUS_COLOR, STATUS_LABEL } from "../candidates";
import { count as formatCount, formatDate, formatDateTime, percent, plural } from "../lib/format";
import { DataTable, queryRows } from "../ui/DataTable";
import { Section } from "../ui/Section";
import { RecommendationBadge } from "../vetting";

const LIST_LIMIT = 10;

/** The home screen: candidates by status, assessments in progress, the latest reports. */
export default function HomePage() {
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        Overview
      </Title>
      <CandidatesByStatus />
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

function CandidatesByStatus() {
  const trpc = useTRPC();
  const stats = useQuery(trpc.candidates.stats.queryOptions({}));
  return (
    <Section
      title="Candidates by status"
      data-testid="home-candidates-by-status"
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
          title="Could not count candidates"
          onRetry={() => void stats.refetch()}
          retrying={stats.isFetching}
        />
      ) : stats.data.total === 0 ? (
        <Empty
          title="No candidates yet"
          description="Add them in the Candidates screen."
          icon={<IconUserSearch aria-hidden />}
        />
      ) : (
        <Stack gap="md">
          <Progress.Root size={14} aria-hidden>
            {CANDIDATE_STATUSES.filter((s) => stats.data.byStatus[s] > 0).map((s) => (
              <Progress.Section
                key={s}
                value={(100 * stats.data.byStatus[s]) / stats.data.total}
                color={STATUS_COLOR[s]}
              />
            ))}
          </Progress.Root>
          <SimpleGrid cols={{ base: 2, sm: 3, md: 7 }} spacing="sm">
            <StatusCount to="/candidates" label="All" count={stats.data.total} testId="home-status-all" />
            {CANDIDATE_STATUSES.map((s) => (
              <StatusCount
                key={s}
                to={`/candidates?status=${s}`}
                label={STATUS_LABEL[s]}
                count={stats.data.byStatus[s]}
                color={STATUS_COLOR[s]}
                testId={`home-status-${s}`}
              />
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </Section>
  );
}

function StatusCount({
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
      aria-label={`${label}: ${plural(count, "candidate")}`}
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
