import { Stepper } from "@mantine/core";
import { CYCLE_PHASES, type CyclePhase } from "@shortlist/api/schemas";
import { PHASE_DESCRIPTION, PHASE_LABEL } from "../parts/labels";

/**
 * The ten phases in order, the cycle's own marked; COMPLETED shows every step done. Labels sit under their steps and
 * the separators are short, so the ten fit on one line beside the navigation at 1280 px; a narrower screen scrolls
 * the row sideways instead of wrapping it.
 */
export function PhaseStepper({ phase }: { phase: CyclePhase }) {
  const index = CYCLE_PHASES.indexOf(phase);
  const active = phase === "COMPLETED" ? CYCLE_PHASES.length : index;
  return (
    <nav aria-label="Cycle phases" data-testid="phase-stepper" style={{ overflowX: "auto", paddingBottom: 4 }}>
      <Stepper
        active={active}
        size="xs"
        iconSize={26}
        allowNextStepsSelect={false}
        labelPosition="bottom"
        wrap={false}
        styles={{ step: { flexShrink: 0 }, separator: { marginInline: 4, minWidth: 12 } }}
      >
        {CYCLE_PHASES.map((p, i) => (
          <Stepper.Step
            key={p}
            label={PHASE_LABEL[p]}
            description={PHASE_DESCRIPTION[p]}
            aria-current={i === index ? "step" : undefined}
            aria-label={`${PHASE_LABEL[p]}: ${i < index || phase === "COMPLETED" ? "done" : i === index ? "current phase" : "to come"}`}
          />
        ))}
      </Stepper>
    </nav>
  );
}
