import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Group, SimpleGrid, Stack, Text } from "@mantine/core";
import type { AssessmentMetricsDTO, BenchmarkDTO } from "@shortlist/api";
import { BENCHMARK_METRICS, type BenchmarkMetric } from "@shortlist/api/schemas";
import { bandPosition, formatMetric, METRIC_LABEL, METRIC_UNIT } from "./labels";

interface Props {
  metrics: AssessmentMetricsDTO;
  /** The bands to compare against; null when the role has no benchmark yet. */
  benchmark: BenchmarkDTO | null;
}

/** The band lines' colours, named in the legend (close bands would make labels on the lines overlap). */
const LINES = { p50: "gray.6", p75: "teal.6", p90: "grape.7" } as const;
const BAR = "indigo.6";

function Legend({ withBands }: { withBands: boolean }) {
  const swatch = (color: string, dashed: boolean) => (
    <span
      aria-hidden
      style={{
        display: "inline-block",
        width: dashed ? 14 : 12,
        height: dashed ? 0 : 10,
        borderTop: dashed ? `2px dashed var(--mantine-color-${color.replace(".", "-")})` : undefined,
        background: dashed ? undefined : `var(--mantine-color-${color.replace(".", "-")})`,
        verticalAlign: "middle",
        marginRight: 4,
      }}
    />
  );
  return (
    <Group gap="md" data-testid="metric-bands-legend">
      <Text size="xs" c="dimmed">
        {swatch(BAR, false)}this assessment
      </Text>
      {withBands &&
        (Object.keys(LINES) as (keyof typeof LINES)[]).map((p) => (
          <Text key={p} size="xs" c="dimmed">
            {swatch(LINES[p], true)}
            {p}
          </Text>
        ))}
    </Group>
  );
}

const valueOf = (metrics: AssessmentMetricsDTO, metric: BenchmarkMetric) =>
  metric === "sophistication" ? metrics.avgSophistication : metrics[metric];

const ceilTo = (n: number, step: number) => Math.ceil(n / step) * step;

/** The axis of each metric: its natural range, widened to hold the value and the bands. */
function domainOf(metric: BenchmarkMetric, values: number[]): [number, number] {
  const top = Math.max(...values);
  switch (metric) {
    case "taoIndex":
      return [0, 100];
    case "sophistication":
      return [0, 7];
    case "chainDepth":
      return [0, Math.max(4, ceilTo(top, 1))];
    case "learningVelocity": {
      const reach = Math.max(1, ceilTo(Math.max(...values.map(Math.abs)), 0.5));
      return [-reach, reach];
    }
  }
}

/**
 * Each metric as a horizontal bar against the role's p50 / p75 / p90 (reference lines).
 * The chart is a picture of the sentence above it, which screen readers get instead.
 */
export default function MetricBands({ metrics, benchmark }: Props) {
  return (
    <Stack gap="sm">
      <Legend withBands={benchmark !== null} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" verticalSpacing="md" data-testid="metric-bands">
        {BENCHMARK_METRICS.map((metric) => {
          const value = valueOf(metrics, metric);
          const band = benchmark?.bands[metric];
          const shown = formatMetric(metric, value);
          const description = band
            ? `${METRIC_LABEL[metric]} ${shown} ${METRIC_UNIT[metric]}, ${bandPosition(value, band)} ` +
              `(p50 ${formatMetric(metric, band.p50)}, p75 ${formatMetric(metric, band.p75)}, p90 ${formatMetric(metric, band.p90)})`
            : `${METRIC_LABEL[metric]} ${shown} ${METRIC_UNIT[metric]}`;
          return (
            <Stack key={metric} gap={2} data-testid={`metric-${metric}`}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm" fw={600}>
                  {METRIC_LABEL[metric]}
                </Text>
                <Text size="sm" fw={700} ff="monospace">
                  {shown}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                {band
                  ? `${bandPosition(value, band)} · p50 ${formatMetric(metric, band.p50)} · p75 ${formatMetric(metric, band.p75)} · p90 ${formatMetric(metric, band.p90)}`
                  : "no bands to compare with"}
              </Text>
              <div role="img" aria-label={description}>
                <BarChart
                  h={64}
                  data={[{ metric: METRIC_LABEL[metric], value }]}
                  dataKey="metric"
                  orientation="vertical"
                  series={[{ name: "value", label: METRIC_LABEL[metric], color: BAR }]}
                  withYAxis={false}
                  withTooltip={false}
                  accessibilityLayer={false}
                  gridAxis="none"
                  maxBarWidth={18}
                  xAxisProps={{
                    domain: domainOf(metric, band ? [value, band.p50, band.p75, band.p90] : [value]),
                    allowDataOverflow: true,
                  }}
                  valueFormatter={(v) => formatMetric(metric, v)}
                  referenceLines={
                    band
                      ? [
                          { x: band.p50, color: LINES.p50, strokeDasharray: "4 3", strokeWidth: 2 },
                          { x: band.p75, color: LINES.p75, strokeDasharray: "4 3", strokeWidth: 2 },
                          { x: band.p90, color: LINES.p90, strokeDasharray: "4 3", strokeWidth: 2 },
                        ]
                      : []
                  }
                />
              </div>
            </Stack>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
