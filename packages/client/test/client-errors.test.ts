/**
 * Refusals made before tRPC runs (foreign origin, a body over the limit) reach @trpc/client as ordinary
 * procedure errors with typed data, single (httpLink) or batched (httpBatchLink).
 */
import { createTRPCClient, httpLink } from "@trpc/client";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { AppRouter } from "@shortlist/api";
import superjson from "superjson";
import { createShortlistClient, errorDataOf, errorReasonOf, httpStatusOf } from "../src/index";
import { cliServer } from "./support";

const harness = cliServer({ label: "client-errors" });
let url: string;
let token: string;
beforeAll(async () => {
  ({ url, recruiterToken: token } = await harness.start());
});
afterAll(() => harness.stop());

/** A fetch that says it comes from a page of another site. */
const foreignFetch: typeof fetch = (input, init) =>
  fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), Origin: "https://evil.example" } });

const candidate = (email: string) => ({ name: "Guarded", email, role: "Engineer", company: "Guard Co" });

test("a batched call refused for its origin: every call of the batch gets the forbidden error with its data", async () => {
  const client = createShortlistClient({ url, token, fetch: foreignFetch });
  const outcomes = await Promise.allSettled([
    client.candidates.create.mutate(candidate("a@example.com")),
    client.candidates.create.mutate(candidate("b@example.com")),
  ]);
  for (const outcome of outcomes) {
    expect(outcome.status).toBe("rejected");
    const error = (outcome as PromiseRejectedResult).reason;
    expect(errorReasonOf(error)).toBe("forbidden");
    expect(errorDataOf(error)).toMatchObject({ code: "FORBIDDEN", httpStatus: 403, path: null });
    expect((error as Error).message).toMatch(/not accepted here/);
  }
});

test("a single call (httpLink) over the body limit: payload_too_large with the procedure's path", async () => {
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({ url: new URL("/trpc", url), transformer: superjson, headers: { Authorization: `Bearer ${token}` } }),
    ],
  });
  const error = await client.candidates.create
    .mutate({ ...candidate("big@example.com"), recruiterNotes: "x".repeat(2_000_000) })
    .catch((e: unknown) => e);
  expect(errorReasonOf(error)).toBe("payload_too_large");
  expect(httpStatusOf(error)).toBe(413);
  expect(errorDataOf(error)).toMatchObject({
    code: "PAYLOAD_TOO_LARGE",
    path: "candidates.create",
    requestId: expect.any(String),
  });
});
