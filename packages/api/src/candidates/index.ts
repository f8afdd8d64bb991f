/** candidates: the people: their records, tags and consent, list and import. The only entry point for other modules. */
import { candidatesPersonalData } from "./personal-data.service";
import { routes } from "./router";

export const candidatesModule = { name: "candidates", routes, personalData: candidatesPersonalData } as const;

export { assertNotErased, createCandidate, findCandidateSummary } from "./candidates.service";
export type { ImportRowResult } from "./candidates-import.service";
export { tagCandidates, type TagResult } from "./tags.service";
export type { PersonalDataExport } from "./personal-data.service";
export type {
  CandidateDetailDTO,
  CandidateDTO,
  CandidateJobSummary,
  CandidateListItemDTO,
  CandidateSummary,
  CreatedCandidateDTO,
} from "./mappers";
