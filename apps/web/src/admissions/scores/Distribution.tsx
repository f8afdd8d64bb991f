import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Stack, Text } from "@mantine/core";
import type { DistributionDto } from "@shortlist/api";
import { count } from "../../lib/format";
import { score10 } from "../parts/labels";

const rangeOf = (bucket: DistributionDto["buckets"][number]) => `${score10(bucket.from)}–${score10(bucket.to)}`;

/**
 * The final scores as a histogram over 0–10, the buckets from the cutoff up in another colour and the cutoff's
 * bucket marked. The sentence above it says the same for screen readers.
 */
export default function Distribution({ distribution }: { distribution: DistributionDto }) {
  const { cutoff } = distribution;
  const data = distribution.buckets.map((bucket) => {
    const above = cutoff !== null && bucket.to > cutoff;
    return { range: rangeOf(bucket), above: above ? bucket.count : 0, below: above ? 0 : bucket.count };
  });
  const cutoffBucket =
    cutoff === null ? undefined : distribution.buckets.find((b) => cutoff >= b.from && (cutoff < b.to || b.to >= 10));
  return (
    <Stack gap="xs">
      <Text size="sm" data-testid="distribution-summary">
        {count(distribution.count)} scored · mean {score10(distribution.mean)} · median {score10(distribution.median)}
        {cutoff !== null ? ` · cutoff ${score10(cutoff)} (the last selected applicant's score)` : " · no selection yet"}
      </Text>
      <BarChart
        h={240}
        data={data}
        dataKey="range"
        type="stacked"
        aria-hidden
        withLegend={cutoff !== null}
        series={[
          { name: "below", label: cutoff !== null ? "Below the cutoff" : "Applications", color: "indigo.4" },
          ...(cutoff !== null ? [{ name: "above", label: "At or above the cutoff", color: "teal.6" }] : []),
        ]}
        xAxisLabel="Final score"
        yAxisLabel="Applications"
        yAxisProps={{ allowDecimals: false }}
        referenceLines={
          cutoffBucket ? [{ x: rangeOf(cutoffBucket), color: "red.6", label: `Cutoff ${score10(cutoff)}` }] : []
        }
        data-testid="score-distribution"
      />
    </Stack>
  );
}
