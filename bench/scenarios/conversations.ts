/**
 * Conversations (issue #11, seed 004's plan): concurrent conversations sending messages through HTTP and waiting
 * for each reply, against a raw-pg baseline storing the same messages. Being written.
 */
import type { Row, ScenarioContext } from "./context";

export async function conversationsScenario(_ctx: ScenarioContext): Promise<Row[]> {
  throw new Error("the conversations scenario is being written");
}
