import type { ProcedureContext } from "../context";
import type { VacancyReportDTO } from "./dto";

const todo = (): never => {
  throw new Error("not implemented yet");
};

/** The report for the profile's current version: from the cache, or generated and cached (a mutation: it may write). */
export async function vacancyReport(_ctx: ProcedureContext, _jobId: string): Promise<VacancyReportDTO> {
  return todo();
}
