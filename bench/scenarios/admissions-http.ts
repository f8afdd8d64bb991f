/**
 * The admissions scenario's HTTP calls, each on a connection of its own (no keep-alive): the server's process is
 * at times busy for seconds (the preprocessing runner and the bare scrubber hold its event loop), long enough for a
 * pooled connection to be closed by the server just as a request is sent on it (ECONNRESET).
 */
import { request, type IncomingMessage } from "node:http";
import { auth } from "./context";

export function send(
  url: string,
  token: string,
  { method = "GET", body }: { method?: "GET" | "POST"; body?: string } = {},
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method,
      agent: false,
      headers: { ...auth(token), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    });
    req.on("response", resolve);
    req.on("error", reject);
    req.end(body);
  });
}

export async function readText(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Calls a tRPC procedure (query: GET, mutation: POST) and answers its data; anything but a 200 throws. */
export async function trpc<T>(
  url: string,
  token: string,
  path: string,
  input: unknown,
  kind: "query" | "mutation" = "mutation",
): Promise<T> {
  const json = JSON.stringify({ json: input });
  const res =
    kind === "query"
      ? await send(`${url}/trpc/${path}?input=${encodeURIComponent(json)}`, token)
      : await send(`${url}/trpc/${path}`, token, { method: "POST", body: json });
  const text = await readText(res);
  if (res.statusCode !== 200) throw new Error(`${path} answered ${res.statusCode}: ${text.slice(0, 500)}`);
  return (JSON.parse(text) as { result: { data: { json: T } } }).result.data.json;
}
