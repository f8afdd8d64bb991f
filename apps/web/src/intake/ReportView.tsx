import { Badge, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { PROFILE_FIELDS } from "@shortlist/api/schemas";
import type { ReactNode } from "react";
import { count, fixed } from "../lib/format";
import { Section } from "../ui/Section";
import { FIELD_LABEL, fieldText } from "./labels";
import type { VacancyReport } from "./types";

/** Everything the vacancy report says (the PDF says the same). */
export function ReportView({ report }: { report: VacancyReport }) {
  return (
    <Stack data-testid="vacancy-report">
      <Section title="Summary">
        <Text data-testid="report-summary">{report.summary}</Text>
      </Section>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section title="Still missing" data-testid="report-missing">
          {report.missing.length ? (
            <Group gap="xs">
              {report.missing.map((m) => (
                <Badge key={m.field} color="red" variant="light" tt="none">
                  {m.label}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text size="sm">Nothing: the profile is complete.</Text>
          )}
        </Section>
        <Pipeline pipeline={report.pipeline} />
      </SimpleGrid>

      <Benchmark benchmark={report.benchmark} />

      <Section title="The profile">
        <Table verticalSpacing={6} layout="fixed">
          <Table.Tbody>
            {PROFILE_FIELDS.map((field) => (
              <Table.Tr key={field}>
                <Table.Th w={180} fw={500} fz="sm">
                  {FIELD_LABEL[field]}
                </Table.Th>
                <Table.Td fz="sm">{fieldText(report.profile, field) ?? <Dimmed>not given</Dimmed>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
    </Stack>
  );
}

function Pipeline({ pipeline }: { pipeline: VacancyReport["pipeline"] }) {
  return (
    <Section title="Pipeline for this role" data-testid="report-pipeline">
      <Text size="sm" mb="xs">
        {count(pipeline.jobs)} {pipeline.jobs === 1 ? "job" : "jobs"} · {count(pipeline.active)} active ·{" "}
        {count(pipeline.hired)} hired · {count(pipeline.rejected)} rejected
      </Text>
      {pipeline.byStage.length ? (
        <Table verticalSpacing={4} aria-label="Candidates by stage">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Stage</Table.Th>
              <Table.Th ta="right">Candidates</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pipeline.byStage.map((row) => (
              <Table.Tr key={row.stage}>
                <Table.Td>{row.stage}</Table.Td>
                <Table.Td ta="right">{count(row.count)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Dimmed>No candidates in a pipeline for this role yet.</Dimmed>
      )}
    </Section>
  );
}

function Benchmark({ benchmark }: { benchmark: VacancyReport["benchmark"] }) {
  if (!benchmark) {
    return (
      <Section title="Benchmark bands" data-testid="report-benchmark">
        <Dimmed>No benchmark exists for a role with this title.</Dimmed>
      </Section>
    );
  }
  return (
    <Section title="Benchmark bands" data-testid="report-benchmark">
      <Title order={3} size="h6" mb="xs">
        {benchmark.role}
        {benchmark.company ? ` at ${benchmark.company}` : ""} · {count(benchmark.sampleSize)} in the sample
      </Title>
      <Table verticalSpacing={4} aria-label="Benchmark bands">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Metric</Table.Th>
            <Table.Th ta="right">p50</Table.Th>
            <Table.Th ta="right">p75</Table.Th>
            <Table.Th ta="right">p90</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {benchmark.bands.map((band) => (
            <Table.Tr key={band.metric}>
              <Table.Td>{band.label}</Table.Td>
              <Table.Td ta="right">{fixed(band.p50, 2)}</Table.Td>
              <Table.Td ta="right">{fixed(band.p75, 2)}</Table.Td>
              <Table.Td ta="right">{fixed(band.p90, 2)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

const Dimmed = ({ children }: { children: ReactNode }) => (
  <Text size="sm" c="dimmed">
    {children}
  </Text>
);
