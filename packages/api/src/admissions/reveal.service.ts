/** After selection: an audited reveal of a selected applicant's identity, and promotion into a job's pipeline. */
import type { ProcedureContext } from "../context";
import type { z } from "zod";
import type { PromoteResultDto, RevealedIdentityDto } from "./dto";
import type { promoteInput } from "./schemas";

export async function revealIdentity(_ctx: ProcedureContext, _applicationId: string): Promise<RevealedIdentityDto> {
  throw new Error("not implemented yet");
}

export async function promoteSelected(_ctx: ProcedureContext, _input: z.output<typeof promoteInput>): Promise<PromoteResultDto> {
  throw new Error("not implemented yet");
}
