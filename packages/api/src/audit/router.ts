import { ROLES, procedureFor, router } from "../trpc";
import { saveCheckpoint, signCheckpoint, verifyAuditChain } from "./chain.service";
import { listEvents } from "./events.service";
import { auditListInput, auditVerifyInput } from "./schemas";

export const routes = {
  audit: router({
    /** Events newest first, filtered; personal fields opened where the subject's key still exists. */
    list: procedureFor(ROLES.admin)
      .input(auditListInput)
      .query(({ ctx, input }) => listEvents(ctx, input)),
    /** Recomputes the chain; with a checkpoint, also proves the chain still holds that signed head. */
    verify: procedureFor(ROLES.admin)
      .input(auditVerifyInput)
      .query(({ ctx, input }) => verifyAuditChain(ctx.em, ctx.keyring, input)),
    /** Signs the current head, keeps a copy under `<data dir>/checkpoints/` and returns it. */
    checkpoint: procedureFor(ROLES.admin)
      .meta({ audit: { skip: "signs the current head; changes no data (a copy is kept in the checkpoints folder)" } })
      .mutation(async ({ ctx }) => {
        const checkpoint = await signCheckpoint(ctx.em, ctx.keyring);
        await saveCheckpoint(ctx.config, checkpoint);
        return checkpoint;
      }),
  }),
};
