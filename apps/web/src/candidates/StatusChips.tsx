import { Chip, Group, Skeleton } from "@mantine/core";
import { CANDIDATE_STATUSES, type CandidateStatus } from "@shortlist/api/schemas";
import { STATUS_LABEL } from "./labels";

interface Props {
  value: CandidateStatus | undefined;
  onChange: (status: CandidateStatus | null) => void;
  stats: { total: number; byStatus: Record<CandidateStatus, number> } | undefined;
}

/** One chip per status with its count (counts ignore the status filter itself), plus "All". */
export function StatusChips({ value, onChange, stats }: Props) {
  const chip = (key: CandidateStatus | "all", label: string, count: number | undefined) => (
    <Chip key={key} value={key} variant="light" wrapperProps={{ "data-testid": `status-chip-${key}` }}>
      {label}{" "}
      {count === undefined ? <Skeleton component="span" display="inline-block" w={14} h={10} /> : <span>{count}</span>}
    </Chip>
  );
  return (
    <Chip.Group value={value ?? "all"} onChange={(next) => onChange(next === "all" ? null : (next as CandidateStatus))}>
      <Group gap="xs" role="radiogroup" aria-label="Filter by status">
        {chip("all", "All", stats?.total)}
        {CANDIDATE_STATUSES.map((status) => chip(status, STATUS_LABEL[status], stats?.byStatus[status]))}
      </Group>
    </Chip.Group>
  );
}
