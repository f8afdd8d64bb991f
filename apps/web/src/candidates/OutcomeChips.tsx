import { APPLICATION_OUTCOMES, type ApplicationOutcome } from "@shortlist/api/schemas";
import { count as formatCount, plural } from "../lib/format";
import { OUTCOME_LABEL } from "../jobs";
import { RadioChips } from "../ui/RadioChips";

interface Props {
  value: ApplicationOutcome | undefined;
  onChange: (outcome: ApplicationOutcome | null) => void;
  /** Applications per outcome, from the jobs' counters; null when the filters have no counter (search, tag…). */
  byOutcome: Record<ApplicationOutcome, number> | null | undefined;
}

/**
 * People by the outcome of an application ("All", Active, Hired, Rejected, Withdrawn): one tab stop, the arrow keys
 * choose. The numbers count applications (a person in two jobs counts twice), read from counters, never scanned.
 */
export function OutcomeChips({ value, onChange, byOutcome }: Props) {
  return (
    <RadioChips
      aria-label="Filter by outcome"
      testIdPrefix="outcome-chip"
      value={value ?? "all"}
      onChange={(next) => onChange(next === "all" ? null : next)}
      format={formatCount}
      chips={[
        { value: "all", label: "All", count: null },
        ...APPLICATION_OUTCOMES.map((outcome) => {
          const count = byOutcome === undefined ? undefined : byOutcome === null ? null : byOutcome[outcome];
          return {
            value: outcome,
            label: OUTCOME_LABEL[outcome],
            count,
            countLabel: typeof count === "number" ? plural(count, "application") : undefined,
          };
        }),
      ]}
    />
  );
}
