import { Stepper } from "@mantine/core";
import { CYCLE_PHASES, type CyclePhase } from "@shortlist/api/schemas";
import { PHASE_DESCRIPTION, PHASE_LABEL } from "../parts/labels";

/** The ten phases in order, the cycle's own marked; COMPLETED shows every step done. */
export function PhaseStepper({ phase }: { phase: CyclePhase }) {
  const index = CYCLE_PHASES.indexOf(phase);
  const active = phase === "COMPLETED" ? CYCLE_PHASES.length : index;
  return (
    <nav aria-label="Cycle phases" data-testid="phase-stepper">
      <Stepper active={active} size="xs" iconSize={26} allowNextStepsSelect={false} wrap>
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
