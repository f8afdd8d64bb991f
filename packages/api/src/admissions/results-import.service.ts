/** Worker and judge results, line by line: each row imported, skipped (already there) or rejected with its reason. */
import type { ProcedureContext } from "../context";
import type { z } from "zod";
import type { BatchResult } from "../shared/batch";
import type { importResultsInput } from "./schemas";

export async function importResults(_ctx: ProcedureContext, _input: z.output<typeof importResultsInput>): Promise<BatchResult> {
  throw new Error("not implemented yet");
}
