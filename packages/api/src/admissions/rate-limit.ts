/**
 * The public form's rate limit: a fixed-window counter per client address in `admission_rate_limits`, keyed by
 * SHA-256 of the address and the window's start (the address itself is never stored). Every attempt counts, even
 * one refused afterwards: the caller throws its refusals with `keepingWrites` so the count commits.
 */
import { createHash } from "node:crypto";
import { APPLY_RATE_LIMIT } from "@shortlist/db/constants";
import type { ProcedureContext } from "../context";
import { keepingWrites, TooManyAttempts } from "../errors";

const WINDOW_MS = APPLY_RATE_LIMIT.windowSeconds * 1000;

/** Counts one attempt from `ip` (none for an in-process call with no address); refuses past the limit. */
export async function countApplyAttempt(ctx: Pick<ProcedureContext, "em">, ip: string | null, now = new Date()) {
  if (!ip) return;
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  const key = createHash("sha256").update(`${ip}\n${windowStart.toISOString()}`).digest("hex");
  const [row] = await ctx.em.execute<{ count: number }[]>(
    `insert into admission_rate_limits (key, window_start, count) values (?, ?, 1)
     on conflict (key) do update set count = admission_rate_limits.count + 1
     returning count`,
    [key, windowStart],
  );
  const count = Number(row?.count ?? 1);
  // An address's first attempt in a window clears the windows that ended, so the table holds only current ones.
  if (count === 1) await ctx.em.execute("delete from admission_rate_limits where window_start < ?", [windowStart]);
  if (count > APPLY_RATE_LIMIT.max)
    throw keepingWrites(new TooManyAttempts(new Date(windowStart.getTime() + WINDOW_MS)));
}
