// The conversations scenario's clients, in their own process (as lib/load-worker.mjs runs autocannon) so that
// process.cpuUsage() of the bench's main process counts the servers' work only. Every conversation sends its
// messages one after another: `conversations.send`, then `conversations.awaitReply` on the pending reply until
// it is no longer pending or streaming; the conversations run all at once.

const UNFINISHED = new Set(["pending", "streaming"]);

async function call(url, token, init) {
  const res = await fetch(url, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const body = await res.text();
  if (!res.ok)
    throw new Error(`${init.method ?? "GET"} ${url.split("?")[0]} answered ${res.status}: ${body.slice(0, 300)}`);
  return JSON.parse(body).result.data.json;
}

const send = (base, token, conversationId, content) =>
  call(`${base}/trpc/conversations.send`, token, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: { conversationId, content } }),
  });

const awaitReply = (base, token, messageId) =>
  call(
    `${base}/trpc/conversations.awaitReply?input=${encodeURIComponent(JSON.stringify({ json: { messageId, timeoutMs: 60_000 } }))}`,
    token,
    { method: "GET", headers: {} },
  );

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** `content(i)`: the text of the conversation's i-th message (from 1); the check afterwards reads it back. */
async function drive({ url, token, conversationIds, messages, contentPrefix }) {
  const latencies = [];
  let failed = null;
  const started = performance.now();
  await Promise.all(
    conversationIds.map(async (conversationId) => {
      for (let i = 1; i <= messages && !failed; i++) {
        const t0 = performance.now();
        try {
          const { reply } = await send(url, token, conversationId, `${contentPrefix} ${i} of ${messages}`);
          let answered = reply;
          while (UNFINISHED.has(answered.status)) answered = await awaitReply(url, token, reply.id);
          if (answered.status !== "complete")
            throw new Error(`reply ${reply.id} ended ${answered.status}: ${answered.error ?? "(no error given)"}`);
          latencies.push(performance.now() - t0);
        } catch (error) {
          failed ??= `conversation ${conversationId}, message ${i}: ${error?.message ?? error}`;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    failed,
    answered: latencies.length,
    seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

process.on("message", async ({ id, opts }) => {
  try {
    process.send({ id, result: await drive(opts) });
  } catch (error) {
    process.send({ id, error: String(error?.stack ?? error) });
  }
});
process.on("disconnect", () => process.exit(0));
