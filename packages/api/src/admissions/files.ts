/** admissions' file routes: a batch's JSONL file, streamed (GET /api/admissions/batches/:batchId/file). */
import { defineFileRoute, type FileRoute } from "../files";
import { ROLES } from "../trpc";
import { batchFileChunks, batchHead } from "./batch-lines";
import { batchFilePath, batchIdInput } from "./schemas";

/** Lines are read a page at a time as the client takes them, so memory stays flat; not audited (as other downloads). */
export const batchFileRoute = defineFileRoute({
  path: batchFilePath,
  access: ROLES.admin,
  input: batchIdInput,
  handler: async ({ ctx, input }) => {
    const head = await batchHead(ctx.em, input.batchId);
    return {
      kind: "stream",
      body: () => batchFileChunks(ctx.em, head),
      fileName: `${head.cycleSlug}-batch-${head.id}.jsonl`,
      type: "application/x-ndjson",
      headers: { "X-Content-SHA256": head.fileHash },
    };
  },
});

export const fileRoutes: readonly FileRoute[] = [batchFileRoute];
