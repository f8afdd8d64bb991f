import { Badge, type BadgeProps } from "@mantine/core";
import type { AssessmentStatus, Recommendation } from "@shortlist/api/schemas";
import { MIN_BENCHMARK_SAMPLE } from "@shortlist/api/schemas";
import { RECOMMENDATION_LABEL } from "../lib/format";
import { RECOMMENDATION_COLOR } from "./labels";

const ASSESSMENT_LABEL: Record<AssessmentStatus, string> = { in_progress: "In progress", completed: "Completed" };
const ASSESSMENT_COLOR: Record<AssessmentStatus, string> = { in_progress: "yellow", completed: "violet" };

export function AssessmentStatusBadge({ status }: { status: AssessmentStatus }) {
  return (
    <Badge color={ASSESSMENT_COLOR[status]} variant="light" miw="max-content">
      {ASSESSMENT_LABEL[status]}
    </Badge>
  );
}

export function RecommendationBadge({
  recommendation,
  size = "md",
  ...rest
}: { recommendation: Recommendation } & BadgeProps) {
  return (
    <Badge color={RECOMMENDATION_COLOR[recommendation]} variant="filled" size={size} miw="max-content" {...rest}>
      {RECOMMENDATION_LABEL[recommendation]}
    </Badge>
  );
}

/** Fewer than MIN_BENCHMARK_SAMPLE completed assessments behind a percentile or a computed benchmark. */
export function ThinBadge({ sampleSize }: { sampleSize: number }) {
  return (
    <Badge
      color="gray"
      variant="outline"
      miw="max-content"
      title={`${sampleSize} of the ${MIN_BENCHMARK_SAMPLE} completed assessments needed`}
    >
      benchmark thin
    </Badge>
  );
}
