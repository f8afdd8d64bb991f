import { Badge } from "@mantine/core";
import type { CandidateStatus } from "@shortlist/api/schemas";
import { STATUS_COLOR, STATUS_LABEL } from "./labels";

export function StatusBadge({ status, size = "sm" }: { status: CandidateStatus; size?: "sm" | "md" | "lg" }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" size={size}>
      {STATUS_LABEL[status]}
    </Badge>
  );
}
