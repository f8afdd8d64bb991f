import { phaseAtLeast } from "@shortlist/api/schemas";
import type { CycleDto } from "@shortlist/api";
import { useHasRole } from "../../lib/session";
import { CyclePage } from "../parts/CyclePage";
import { BatchesSection } from "./BatchesSection";
import { BoardActions } from "./BoardActions";
import { CycleDetails } from "./CycleDetails";
import { ImportResults } from "./ImportResults";
import { PhaseStepper } from "./PhaseStepper";
import { StatusCounts } from "./StatusCounts";

/** `/admissions/:id`: the cycle's phase, what it holds, and the moves its phase allows. */
export default function CycleBoardPage() {
  return <CyclePage>{(cycle) => <Board cycle={cycle} />}</CyclePage>;
}

function Board({ cycle }: { cycle: CycleDto }) {
  const isAdmin = useHasRole("admin");
  return (
    <>
      <PhaseStepper phase={cycle.phase} />
      <BoardActions cycle={cycle} />
      {isAdmin && cycle.phase === "PROCESSING" && <ImportResults cycleId={cycle.id} />}
      <StatusCounts cycle={cycle} />
      {(phaseAtLeast(cycle.phase, "BATCH_PREP") || cycle.batches > 0) && <BatchesSection cycleId={cycle.id} />}
      <CycleDetails cycle={cycle} />
    </>
  );
}
