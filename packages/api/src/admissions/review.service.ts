/** What reviewers see (anonymized applications only) and their own scores, which count as one more evaluator. */
import type { ProcedureContext } from "../context";
import type { z } from "zod";
import type { AnonymizedApplicationDto, ReviewQueueItemDto } from "./dto";
import type { reviewQueueInput, reviewScoreInput } from "./schemas";

export async function reviewQueue(_ctx: ProcedureContext, _input: z.output<typeof reviewQueueInput>): Promise<{ items: ReviewQueueItemDto[]; nextCursor: string | null }> {
  throw new Error("not implemented yet");
}

export async function getAnonymized(_ctx: ProcedureContext, _applicationId: string): Promise<AnonymizedApplicationDto> {
  throw new Error("not implemented yet");
}

export async function saveReviewScore(_ctx: ProcedureContext, _input: z.output<typeof reviewScoreInput>): Promise<AnonymizedApplicationDto> {
  throw new Error("not implemented yet");
}
