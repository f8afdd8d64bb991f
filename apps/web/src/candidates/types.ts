import type { inferOutput } from "@trpc/tanstack-react-query";
import type { Trpc } from "../lib/trpc";

export type CandidateRow = inferOutput<Trpc["candidates"]["list"]>["items"][number];
export type CandidateDetail = inferOutput<Trpc["candidates"]["get"]>;
export type Application = CandidateDetail["applications"][number];
export type SavedView = inferOutput<Trpc["views"]["list"]>[number];
