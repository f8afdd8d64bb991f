/**
 * What an analyser answers, built-in or model: one zod schema, so a model's structured output is held to exactly
 * what the built-in analyser produces. Evidence spans are not part of it: they are found in the text afterwards, the
 * same way for both (evidence.ts).
 */
import { z } from "zod";
import { SENIORITIES } from "../../schemas";

const name = (max: number) => z.string().trim().min(1).max(max);
const year = z.int().min(1940).max(2100).nullable();

export const cvAnalysisResult = z.object({
  skills: z
    .array(
      z.object({
        skill: name(100),
        /** Years of use, from the dates of the roles that mention it; null when no dated role does. */
        years: z.number().min(0).max(60).nullable(),
      }),
    )
    .max(300),
  /** Years of work, overlapping roles counted once. */
  totalYears: z.number().min(0).max(70).nullable(),
  seniority: z.enum(SENIORITIES).nullable(),
  languages: z.array(z.object({ language: name(60), level: z.string().trim().max(40).nullable() })).max(30),
  education: z
    .array(
      z.object({
        degree: z.string().trim().max(200).nullable(),
        field: z.string().trim().max(200).nullable(),
        institution: z.string().trim().max(200).nullable(),
        startYear: year,
        endYear: year,
      }),
    )
    .max(30),
});
export type CvAnalysisResult = z.output<typeof cvAnalysisResult>;
