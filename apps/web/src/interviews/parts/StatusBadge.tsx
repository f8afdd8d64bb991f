import { Badge } from "@mantine/core";
import type { InterviewStatus } from "@shortlist/api/schemas";
import { INTERVIEW_STATUS_COLOR, INTERVIEW_STATUS_LABEL } from "./labels";

export function InterviewStatusBadge({ status, size = "md" }: { status: InterviewStatus; size?: "sm" | "md" | "lg" }) {
  return (
    <Badge color={INTERVIEW_STATUS_COLOR[status]} variant="light" size={size} data-testid="interview-status">
      {INTERVIEW_STATUS_LABEL[status]}
    </Badge>
  );
}
