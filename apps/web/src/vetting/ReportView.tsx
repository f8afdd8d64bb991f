import { Badge, Button, Code, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ReportDTO } from "@shortlist/api";
import { IconDownload } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { percentileLabel } from "@shortlist/api/schemas";
import { RecommendationBadge } from "./badges";
import { MetricGlossary } from "./MetricGlossary";
import { fixed, formatDateTime, percent } from "../lib/format";

/** Everything a report says, and its PDF. */
export function ReportView({ report, headingLevel = 3 }: { report: ReportDTO; headingLevel?: 3 | 4 }) {
  const h = headingLevel;
  return (
    <Stack gap="md" data-testid="report-view">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4}>
          <Group gap="sm">
            <RecommendationBadge recommendation={report.recommendation} size="lg" data-testid="report-recommendation" />
            <Text size="sm" fw={600} data-testid="report-confidence">
              {percent(report.confidence)} confidence
            </Text>
            {report.percentile !== null && report.percentileSampleSize !== null && (
              <Badge variant="light" color="indigo" tt="none" data-testid="report-percentile">
                {percentileLabel(report.percentile, report.percentileSampleSize, "report")}
              </Badge>
            )}
            <MetricGlossary />
          </Group>
          <Text size="xs" c="dimmed">
            Generated {formatDateTime(report.generatedAt)} · id <Code fz="xs">{report.id}</Code>
          </Text>
        </Stack>
        <Button
          component="a"
          href={report.pdf.downloadPath}
          download
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          Download PDF
        </Button>
      </Group>

      <Text>{report.summary}</Text>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Part title="Strengths" order={h}>
          <Items items={report.strengths} empty="None stood out." />
        </Part>
        <Part title="Concerns" order={h}>
          <Items items={report.concerns} empty="None." />
        </Part>
      </SimpleGrid>

      <Part title="Follow-up questions for the interview" order={h}>
        <Items items={report.followUpQuestions} empty="None." ordered />
      </Part>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Part title="Versus the benchmark" order={h}>
          <Text size="sm" data-testid="report-vs-benchmark">
            {report.vsBenchmark}
          </Text>
        </Part>
        <Part title="Learning trajectory" order={h}>
          <Text size="sm">{report.learningTrajectory}</Text>
        </Part>
      </SimpleGrid>

      {report.standoutMetrics.length > 0 && (
        <Part title="Standout metrics" order={h}>
          <List size="sm" spacing={4}>
            {report.standoutMetrics.map((m) => (
              <List.Item key={m.metric}>
                <Badge size="xs" color={m.direction === "high" ? "teal" : "orange"} variant="light" mr={6}>
                  {m.direction}
                </Badge>
                {m.label} {fixed(m.value, 2)}: {m.note}
              </List.Item>
            ))}
          </List>
        </Part>
      )}

      {report.sections.map((section) => (
        <Part key={section.key} title={section.title} order={h}>
          <Stack gap={6} data-testid={`report-section-${section.key}`}>
            <Group gap="lg">
              {section.facts.map(([label, value]) => (
                <Text key={label} size="sm">
                  {label}: <b>{value}</b>
                </Text>
              ))}
            </Group>
            {section.text && <Text size="sm">{section.text}</Text>}
            {section.list.items.length > 0 && (
              <div>
                <Text size="sm" fw={600}>
                  {section.list.title}
                </Text>
                <Items items={section.list.items} empty="" />
              </div>
            )}
          </Stack>
        </Part>
      ))}
    </Stack>
  );
}

function Part({ title, order, children }: { title: string; order: 3 | 4; children: ReactNode }) {
  return (
    <div>
      <Title order={order} size="h6" mb={4}>
        {title}
      </Title>
      {children}
    </div>
  );
}

function Items({ items, empty, ordered }: { items: string[]; empty: string; ordered?: boolean }) {
  if (!items.length) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <List size="sm" spacing={4} type={ordered ? "ordered" : "unordered"}>
      {items.map((item, i) => (
        <List.Item key={i}>{item}</List.Item>
      ))}
    </List>
  );
}
