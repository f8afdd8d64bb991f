/** The public form: the cycle's questions, a submission (sealed at once), and the status by receipt. */
import type { ProcedureContext } from "../context";
import type { z } from "zod";
import type { ApplicationStatusDto, ApplyFormDto, ReceiptDto } from "./dto";
import type { ApplySubmitInput, applyStatusInput } from "./schemas";

export async function applyForm(_ctx: ProcedureContext, _slug: string): Promise<ApplyFormDto> {
  throw new Error("not implemented yet");
}

export async function submitApplication(_ctx: ProcedureContext, _input: ApplySubmitInput): Promise<ReceiptDto> {
  throw new Error("not implemented yet");
}

export async function applicationStatus(_ctx: ProcedureContext, _input: z.output<typeof applyStatusInput>): Promise<ApplicationStatusDto> {
  throw new Error("not implemented yet");
}
