/**
 * The interviews module's personal-data holder (personal-data.ts): the candidate's CVs (files, text, analyses,
 * skills) and interviews (plan, answers, recordings, evaluations, scorecards).
 */
import type { PersonalDataHolder } from "../personal-data";

export const interviewsPersonalData: PersonalDataHolder = {
  async export() {
    throw new Error("interviews personal data export: not implemented yet");
  },
  async erase() {
    throw new Error("interviews personal data erase: not implemented yet");
  },
};
