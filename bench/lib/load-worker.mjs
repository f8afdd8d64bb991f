// The load generator's own process: runs autocannon apart from the servers it measures, so that
// process.cpuUsage() of the bench's main process counts the servers' work only.
import autocannon from "autocannon";

process.on("message", async ({ id, opts }) => {
  try {
    // Raw result: its encoded histograms can be merged with other runs' by autocannon.aggregateResult.
    const result = await autocannon({ ...opts, skipAggregateResult: true });
    process.send({ id, result });
  } catch (error) {
    process.send({ id, error: String(error?.stack ?? error) });
  }
});
process.on("disconnect", () => process.exit(0));
