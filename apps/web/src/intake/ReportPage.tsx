import { Badge, Button, Group, Stack, Text, Title } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { formatDateTime } from "../lib/format";
import { useTRPC } from "../lib/trpc";
import { ErrorState } from "../ui/ErrorState";
import { PageLoader } from "../ui/PageLoader";
import { BackLink } from "../ui/RecordPage";
import { IntakeRecord } from "./IntakeRecord";
import { ReportView } from "./ReportView";
import type { Intake } from "./types";

export default function ReportPage() {
  return (
    <IntakeRecord what="vacancy reports" skeleton={[360]}>
      {(view) => <Report key={view.session.id} view={view} />}
    </IntakeRecord>
  );
}

/** The report for the profile as it is now: served from the cache unless the profile changed since. */
function Report({ view }: { view: Intake }) {
  const trpc = useTRPC();
  const { session } = view;
  const report = useMutation(trpc.intake.report.mutationOptions());
  const { mutate } = report;
  // Asked once on opening: a second call would answer "cached" for the report this page just generated.
  const asked = useRef<string | null>(null);
  useEffect(() => {
    if (asked.current === session.jobId) return;
    asked.current = session.jobId;
    mutate({ jobId: session.jobId });
  }, [mutate, session.jobId]);

  return (
    <Stack gap="md">
      <BackLink to={`/intake/${session.id}`} label="Back to the intake" />
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            Vacancy report: {report.data?.title ?? session.jobTitle}
          </Title>
          {report.data && (
            <Group gap="xs" mt={4}>
              <Badge color={report.data.cached ? "gray" : "blue"} variant="light" tt="none" data-testid="report-source">
                {report.data.cached ? "Cached" : "Generated"} for profile version {report.data.profileVersion}
              </Badge>
              <Text size="xs" c="dimmed">
                Generated {formatDateTime(report.data.generatedAt)}
              </Text>
            </Group>
          )}
        </div>
        <Button
          component="a"
          href={`/api/jobs/${session.jobId}/vacancy-report.pdf`}
          download
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          disabled={!report.data}
        >
          Download PDF
        </Button>
      </Group>
      {report.isError ? (
        <ErrorState
          error={report.error}
          title="Could not produce the report"
          onRetry={() => mutate({ jobId: session.jobId })}
          retrying={report.isPending}
        />
      ) : report.data ? (
        <ReportView report={report.data} />
      ) : (
        <PageLoader label="Preparing the report" />
      )}
    </Stack>
  );
}
