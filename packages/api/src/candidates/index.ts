/** candidates: the candidate records, their status and consent, list and import. The only entry point for other modules. */
import { routes } from "./router";

export const candidatesModule = { name: "candidates", routes } as const;

export {
  createCandidate,
  findCandidateSummary,
  recordAssessmentCompleted,
  recordAssessmentStarted,
  type CandidateSummary,
} from "./candidates.service";
export type { ImportRowResult } from "./candidates-import.service";
export type { CandidateDTO } from "./mappers";
