import { Badge, Stack, Text, type BadgeProps } from "@mantine/core";
import type { AdmissionStatus, CyclePhase, OverrideDecision } from "@shortlist/api/schemas";
import { OVERRIDE_LABEL, PHASE_COLOR, PHASE_LABEL, STATUS_COLOR, STATUS_LABEL } from "./labels";

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

/** An override's decision with the admin's reason under it (a pushed-in low score shows why), or a dash. */
export function OverrideNote({ override }: { override: { decision: OverrideDecision; reason: string } | null }) {
  if (!override)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Stack gap={2} align="flex-start" maw={320}>
      <Badge color="grape" variant="outline">
        {OVERRIDE_LABEL[override.decision]}
      </Badge>
      <Text size="xs" c="dimmed" lineClamp={3} title={override.reason} data-testid="override-reason">
        {override.reason}
      </Text>
    </Stack>
  );
}
