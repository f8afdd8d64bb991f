import { Button, Menu, Stack, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { AssessmentDTO, CandidateDetailDTO } from "@shortlist/api";
import { IconChevronDown, IconPlayerPlay, IconReportAnalytics } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useHasRole } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { Empty } from "../ui/Empty";
import { DataTable, queryRows, type DataTableProps } from "../ui/DataTable";
import { percentileLabel } from "@shortlist/api/schemas";
import { fixed, formatDateTime, plural } from "../lib/format";
import { ActionError } from "../ui/ErrorState";
import { Section } from "../ui/Section";
import { AssessmentDetail } from "./AssessmentDetail";
import { AssessmentStatusBadge, ThinBadge } from "./badges";
import { invalidateAfterAssessment } from "./cache";
import { candidateAssessmentsQuery } from "./queries";

/** Percentile at completion (or "benchmark thin") of a completed assessment, "—" while in progress. */
export function PercentileCell({ assessment }: { assessment: AssessmentDTO }) {
  const m = assessment.metrics;
  if (!m) return <>—</>;
  if (m.percentileThin) return <ThinBadge sampleSize={m.percentileSampleSize} />;
  return (
    <Text span size="sm" data-testid="assessment-percentile">
      {percentileLabel(m.percentile, m.percentileSampleSize, "completion")}
    </Text>
  );
}

export function AssessmentsSection({ candidate }: { candidate: CandidateDetailDTO }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useHasRole("writers");
  const list = useQuery(candidateAssessmentsQuery(trpc, candidate.id));
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
      <StartAssessment
        candidate={candidate}
        onStart={(applicationId) => start.mutate({ candidateId: candidate.id, applicationId })}
        pending={start.isPending}
        disabled={start.isPending || !!inProgress || list.isPending}
      />
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
        <ActionError error={start.error} title="Could not start an assessment" onDismiss={() => start.reset()} />
        <AssessmentsTable
          {...queryRows(list)}
          errorTitle="Could not load the assessments"
          empty={
            <Empty
              title="No assessments yet"
              description={
                canWrite
                  ? "Start one when the candidate has consented and has assessment domains; then import their activity."
                  : "Recruiters and admins start assessments."
              }
              icon={<IconReportAnalytics aria-hidden />}
            />
          }
          selectedId={selected?.id}
          onSelect={setSelectedId}
        />
        {selected && (
          <AssessmentDetail key={selected.id} assessment={selected} candidate={candidate} canWrite={canWrite} />
        )}
      </Stack>
    </Section>
  );
}

interface StartProps {
  candidate: CandidateDetailDTO;
  onStart: (applicationId: string) => void;
  pending: boolean;
  disabled: boolean;
}

/**
 * An assessment is for one of the person's open applications: started at once when there is one, after asking which
 * when there are several; not offered (with the reason on hover) when there is none.
 */
function StartAssessment({ candidate, onStart, pending, disabled }: StartProps) {
  const open = candidate.applications.filter((a) => a.outcome === "active" || a.outcome === "hired");
  const button = (props: {
    onClick?: () => void;
    rightSection?: ReactNode;
    "data-disabled"?: boolean;
    "aria-disabled"?: boolean;
  }) => (
    <Button
      size="sm"
      leftSection={<IconPlayerPlay size={16} aria-hidden />}
      loading={pending}
      disabled={disabled}
      {...props}
    >
      Start assessment
    </Button>
  );
  const blocked =
    open.length === 0
      ? "File the candidate under a job first: an assessment is for an application"
      : !candidate.consentGiven
        ? "Record the candidate's consent first (Consent, above)"
        : candidate.assessmentDomains.length === 0
          ? "Add at least one assessment domain first (Edit, above)"
          : null;
  if (blocked)
    return (
      <Tooltip label={blocked} multiline maw={260} events={{ hover: true, focus: true, touch: true }}>
        {button({ "data-disabled": true, "aria-disabled": true, onClick: undefined })}
      </Tooltip>
    );
  if (open.length === 1) return button({ onClick: () => onStart(open[0]!.id) });
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>{button({ rightSection: <IconChevronDown size={14} aria-hidden /> })}</Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>For which application?</Menu.Label>
        {open.map((a) => (
          <Menu.Item key={a.id} onClick={() => onStart(a.id)}>
            {a.jobTitle} · {a.company} ({a.stageName})
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

interface TableProps extends Omit<DataTableProps<AssessmentDTO>, "columns" | "rowKey" | "minWidth"> {
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}

function AssessmentsTable({ selectedId, onSelect, ...props }: TableProps) {
  const several = (props.rows?.length ?? 0) > 1;
  return (
    <DataTable
      data-testid="assessments-table"
      minWidth={640}
      tableProps={{ verticalSpacing: "xs", highlightOnHover: true }}
      rowKey={(a) => a.id}
      rowProps={(a) => ({
        bg: a.id === selectedId ? "indigo.0" : undefined,
        "aria-current": a.id === selectedId || undefined,
      })}
      columns={[
        { key: "status", header: "Status", cell: (a) => <AssessmentStatusBadge status={a.status} /> },
        { key: "started", header: "Started", cell: (a) => formatDateTime(a.startedAt) },
        { key: "completed", header: "Completed", cell: (a) => formatDateTime(a.completedAt) },
        {
          key: "activity",
          header: "Activity",
          cell: (a) => `${plural(a.recorded.sessions, "session")}, ${plural(a.recorded.questions, "question")}`,
        },
        {
          key: "tao",
          header: "Tao index",
          td: { ff: "monospace" },
          cell: (a) => (a.metrics ? fixed(a.metrics.taoIndex, 1) : "—"),
        },
        { key: "percentile", header: "Percentile", cell: (a) => <PercentileCell assessment={a} /> },
        {
          key: "show",
          header: "",
          cell: (a) =>
            several && (
              <Button
                size="compact-xs"
                variant={a.id === selectedId ? "light" : "subtle"}
                onClick={() => onSelect(a.id)}
                aria-pressed={a.id === selectedId}
                aria-label={`Show the assessment started ${formatDateTime(a.startedAt)}`}
              >
                {a.id === selectedId ? "Shown" : "Show"}
              </Button>
            ),
        },
      ]}
      {...props}
    />
  );
}
