import type { inferInput, inferOutput } from "@trpc/tanstack-react-query";
import type { Trpc } from "../lib/trpc";

export type Job = inferOutput<Trpc["jobs"]["list"]>[number];
export type JobDetail = inferOutput<Trpc["jobs"]["get"]>;
export type Stage = JobDetail["stages"][number];
export type RejectionReason = inferOutput<Trpc["rejectionReasons"]["list"]>[number];
export type BoardData = inferOutput<Trpc["jobs"]["board"]>;
export type BoardColumnData = BoardData["columns"][number];
export type Card = BoardColumnData["cards"][number];
export type ApplicationRow = inferOutput<Trpc["applications"]["list"]>["items"][number];
export type ApplicationListInput = inferInput<Trpc["applications"]["list"]>;
