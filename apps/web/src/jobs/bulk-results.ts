import { plural } from "../lib/format";

interface ItemResult {
  outcome: "done" | "skipped";
  reason?: string;
}

/** A bulk action's answer as a notification: how many were done, and why the others were skipped. */
export function describeBulk(results: readonly ItemResult[], done: string) {
  const doneCount = results.filter((r) => r.outcome === "done").length;
  const skipped = results.filter((r) => r.outcome === "skipped");
  const reasons = new Map<string, number>();
  for (const item of skipped) {
    const reason = item.reason ?? "not allowed";
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const why = [...reasons].map(([reason, n]) => `${n} skipped: ${reason}`).join("; ");
  return {
    color: skipped.length === 0 ? "green" : doneCount === 0 ? "red" : "orange",
    title: `${plural(doneCount, "application")} ${done}`,
    message: skipped.length === 0 ? "All done." : `${why}.`,
  };
}
