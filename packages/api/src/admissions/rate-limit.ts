/**
 * The public form's rate limit: per client address, a window that starts with the address's first attempt and
 * lasts `APPLY_RATE_LIMIT.windowSeconds`, counted in `admission_rate_limits` under a keyed hash of the address
 * (`keyring.blindIndex`: the address is never stored, and the table alone cannot confirm a guessed one). Every
 * attempt counts, even one refused afterwards: the caller throws its refusals with `keepingWrites` so the count commits.
 */
import { APPLY_RATE_LIMIT } from "@shortlist/db/constants";
import type { ProcedureContext } from "../context";
import { keepingWrites, TooManyAttempts } from "../errors";

/** Counts one attempt from `ip` (none for an in-process call with no address); refuses past the limit. */
export async function countApplyAttempt(ctx: Pick<ProcedureContext, "em" | "keyring">, ip: string | null) {
  if (!ip) return;
  const key = ctx.keyring.blindIndex("admission-apply-address", ip);
  const window = `${APPLY_RATE_LIMIT.windowSeconds} seconds`;
  // A window that ended starts again at this attempt.
  const [row] = await ctx.em.execute<{ count: number; window_start: Date; fresh: boolean }[]>(
    `insert into admission_rate_limits as r (key, window_start, count) values (?, now(), 1)
     on conflict (key) do update set
       count = case when r.window_start <= now() - ?::interval then 1 else r.count + 1 end,
       window_start = case when r.window_start <= now() - ?::interval then now() else r.window_start end
     returning count, window_start`,
    [key, window, window],
  );
  const count = Number(row?.count ?? 1);
  // An address's first attempt in its window clears the windows that ended, so the table holds only live ones.
  if (count === 1)
    await ctx.em.execute("delete from admission_rate_limits where window_start <= now() - ?::interval", [window]);
  if (count > APPLY_RATE_LIMIT.max) {
    const retryAt = new Date(new Date(row!.window_start).getTime() + APPLY_RATE_LIMIT.windowSeconds * 1000);
    throw keepingWrites(new TooManyAttempts(retryAt));
  }
}
