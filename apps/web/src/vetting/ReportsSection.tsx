import { Button, Modal, Skeleton, Stack, Title } from "@mantine/core";
import type { CandidateDTO, ReportDTO } from "@shortlist/api";
import { IconFileAnalytics } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../lib/trpc";
import { DataTable } from "../ui/DataTable";
import { Empty } from "../ui/Empty";
import { ErrorState } from "../ui/ErrorState";
import { formatDateTime, percent } from "../lib/format";
import { Section } from "../ui/Section";
import { RecommendationBadge } from "./badges";
import { candidateReportsQuery } from "./queries";
import { ReportView } from "./ReportView";

/** The latest report in full; earlier ones listed, each opening in a dialog. */
export function ReportsSection({ candidate }: { candidate: CandidateDTO }) {
  const trpc = useTRPC();
  const reports = useQuery(candidateReportsQuery(trpc, candidate.id));
  const [opened, setOpened] = useState<ReportDTO | null>(null);

  const [latest, ...earlier] = reports.data ?? [];

  return (
    <Section title="Latest report" data-testid="latest-report">
      {reports.isPending ? (
        <Stack gap="xs" aria-busy>
          <Skeleton h={24} w={200} />
          <Skeleton h={14} />
          <Skeleton h={14} w="70%" />
        </Stack>
      ) : reports.isError ? (
        <ErrorState
          error={reports.error}
          title="Could not load the reports"
          onRetry={() => void reports.refetch()}
          retrying={reports.isFetching}
        />
      ) : !latest ? (
        <Empty
          title="No report yet"
          description="Complete an assessment, then use “Generate report” on it."
          icon={<IconFileAnalytics aria-hidden />}
        />
      ) : (
        <Stack gap="xl">
          <ReportView report={latest} />
          {earlier.length > 0 && (
            <section aria-label="Earlier reports">
              <Title order={3} size="h6" mb="xs">
                Earlier reports ({earlier.length})
              </Title>
              <DataTable
                data-testid="earlier-reports"
                minWidth={480}
                tableProps={{ verticalSpacing: 6 }}
                rows={earlier}
                rowKey={(r) => r.id}
                columns={[
                  { key: "generated", header: "Generated", cell: (r) => formatDateTime(r.generatedAt) },
                  {
                    key: "recommendation",
                    header: "Recommendation",
                    cell: (r) => <RecommendationBadge recommendation={r.recommendation} size="sm" />,
                  },
                  { key: "confidence", header: "Confidence", cell: (r) => percent(r.confidence) },
                  {
                    key: "open",
                    header: "",
                    td: { ta: "right" },
                    cell: (r) => (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setOpened(r)}
                        aria-label={`Open the report of ${formatDateTime(r.generatedAt)}`}
                      >
                        Open
                      </Button>
                    ),
                  },
                ]}
              />
            </section>
          )}
        </Stack>
      )}
      <Modal
        opened={opened !== null}
        onClose={() => setOpened(null)}
        title={opened ? `Report of ${formatDateTime(opened.generatedAt)}` : ""}
        size="xl"
      >
        {opened && <ReportView report={opened} headingLevel={4} />}
      </Modal>
    </Section>
  );
}
