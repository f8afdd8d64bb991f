import { Group, Text } from "@mantine/core";
import type { CycleDto } from "@shortlist/api";
import { phaseAtLeast } from "@shortlist/api/schemas";
import { IconCheck, IconUserCheck } from "@tabler/icons-react";
import { useHasRole } from "../../lib/session";
import { Empty } from "../../ui/Empty";
import { Section } from "../../ui/Section";
import { MoveButton } from "../board/MoveButton";
import { useMoves } from "../board/useMoves";
import { count } from "../../lib/format";
import { CyclePage } from "../parts/CyclePage";
import { OverridesSection } from "./OverridesSection";
import { PromotePanel } from "./PromotePanel";
import { SelectedList } from "./SelectedList";
import { SelectionLog } from "./SelectionLog";

/** `/admissions/:id/selection`: run selection, overrides, the selected (reveal), the log, and promotion. */
export default function SelectionPage() {
  return <CyclePage>{(cycle) => <Selection cycle={cycle} />}</CyclePage>;
}

function Selection({ cycle }: { cycle: CycleDto }) {
  const isAdmin = useHasRole("admin");
  const overriding = isAdmin && (cycle.phase === "SCORED" || cycle.phase === "SELECTION");
  if (!phaseAtLeast(cycle.phase, "SCORED"))
    return (
      <Empty
        title="Not ready for selection"
        description="Selection runs on final scores: the cycle needs to reach Scored first."
        icon={<IconUserCheck aria-hidden />}
      />
    );
  return (
    <>
      {overriding && <RunSelection cycle={cycle} />}
      {phaseAtLeast(cycle.phase, "SELECTION") && <SelectedList cycle={cycle} />}
      {isAdmin && cycle.phase === "PUBLISHED" && <PromotePanel cycle={cycle} />}
      {overriding && <OverridesSection cycle={cycle} />}
      {(cycle.selectionRuns > 0 || phaseAtLeast(cycle.phase, "SELECTION")) && <SelectionLog cycleId={cycle.id} />}
    </>
  );
}

function RunSelection({ cycle }: { cycle: CycleDto }) {
  const moves = useMoves(cycle.id);
  const first = cycle.phase === "SCORED";
  return (
    <Section title="Run selection">
      <Group justify="space-between" align="center">
        <Text size="sm" c="dimmed" maw={640}>
          {first
            ? `Selects the top ${count(cycle.capacity)} by final score (ties by the documented rule), with the overrides below, and moves the cycle to Selection.`
            : `Run it again after changing overrides; each run is logged. Capacity ${count(cycle.capacity)}.`}
        </Text>
        <MoveButton
          cycleId={cycle.id}
          move={moves.select}
          label="Run selection"
          icon={<IconCheck size={16} aria-hidden />}
          repeatable
          confirm={
            first
              ? `The top ${count(cycle.capacity)} by final score are selected, with the overrides set. It can be run again until outcomes are published.`
              : undefined
          }
        />
      </Group>
    </Section>
  );
}
