import { Badge, type BadgeProps } from "@mantine/core";
import type { AdmissionStatus, CyclePhase } from "@shortlist/api/schemas";
import { PHASE_COLOR, PHASE_LABEL, STATUS_COLOR, STATUS_LABEL } from "./labels";

export function PhaseBadge({ phase, size = "md" }: { phase: CyclePhase; size?: BadgeProps["size"] }) {
  return (
    <Badge color={PHASE_COLOR[phase]} variant="light" size={size} data-testid="cycle-phase">
      {PHASE_LABEL[phase]}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: AdmissionStatus }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" size="sm">
      {STATUS_LABEL[status]}
    </Badge>
  );
}
