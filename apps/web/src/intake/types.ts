import type { inferOutput } from "@trpc/tanstack-react-query";
import type { Trpc } from "../lib/trpc";

export type IntakeSession = inferOutput<Trpc["intake"]["list"]>[number];
export type Intake = inferOutput<Trpc["intake"]["get"]>;
export type ProfileDTO = inferOutput<Trpc["intake"]["profile"]>;
export type VacancyReport = inferOutput<Trpc["intake"]["report"]>;
