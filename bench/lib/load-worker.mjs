// The load generator's thread: runs autocannon off the main thread, so that the
// client's own CPU does not sit on the event loop of the servers it measures.
import { parentPort } from "node:worker_threads";
import autocannon from "autocannon";

parentPort.on("message", async ({ id, opts }) => {
  try {
    // Raw result: its encoded histograms can be merged with other runs' by autocannon.aggregateResult.
    const result = await autocannon({ ...opts, skipAggregateResult: true });
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.stack ?? error) });
  }
});
