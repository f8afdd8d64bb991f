/**
 * The openai-compatible provider against a local server speaking the real wire format (fixtures/fake-llm-server):
 * streaming, usage, reasoning, what is sent, errors, timeouts, cancellation and structured output. No network.
 */
import { createServer } from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { loadConfig, type LlmSettings } from "@shortlist/config";
import { openAICompatibleProvider } from "../src/conversations/providers/openai-compatible";
import {
  ProviderError,
  type GenerateRequest,
  type ProviderSettings,
  type ReplyChunk,
} from "../src/conversations/providers/types";
import { startFakeLlm, type FakeLlm } from "./fixtures/fake-llm-server";

const API_KEY = "sk-test-0123456789abcdef";
let llm: FakeLlm;
let defaults: LlmSettings;

beforeAll(async () => {
  llm = await startFakeLlm();
  defaults = llmConfig({
    SHORTLIST_LLM_BASE_URL: llm.baseUrl,
    SHORTLIST_LLM_MODEL: "fake-model-7b",
    SHORTLIST_LLM_API_KEY: API_KEY,
  });
});
afterAll(() => llm.close());
beforeEach(() => {
  llm.requests.length = 0;
});

function llmConfig(env: Record<string, string>): LlmSettings {
  return loadConfig({ NODE_ENV: "test", ...env }, { readFiles: false }).llm;
}

const settings = (overrides: Partial<ProviderSettings> = {}): ProviderSettings => ({
  provider: "openai-compatible",
  model: null,
  apiKey: null,
  ...overrides,
});

function request(overrides: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    system: "You are a careful interviewer.",
    messages: [
      { role: "user", content: "Hello" },
      { role: "assistant", content: "Hi, tell me about the role." },
      { role: "user", content: "It is an ICU nurse position." },
    ],
    directives: { say: [], ask: null, quickReplies: [], end: false },
    settings: settings(),
    signal: new AbortController().signal,
    ...overrides,
  };
}

async function generate(overrides: Partial<GenerateRequest> = {}, idleTimeoutMs?: number) {
  const chunks: ReplyChunk[] = [];
  const result = await openAICompatibleProvider(defaults, { idleTimeoutMs }).generate(request(overrides), (c) =>
    chunks.push(c),
  );
  return { result, chunks };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => expect.fail("expected a ProviderError"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("streamed replies", () => {
  test("text arrives in several chunks, in order, and the whole equals their sum; usage is reported", async () => {
    llm.setScript([
      {
        kind: "reply",
        text: ["The ", "ICU ", "role ", "needs ", "a ", "nurse."],
        usage: { prompt_tokens: 42, completion_tokens: 6 },
      },
    ]);
    const { result, chunks } = await generate();
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.type === "text")).toBe(true);
    expect(chunks.map((c) => c.text).join("")).toBe("The ICU role needs a nurse.");
    expect(result).toEqual({ text: "The ICU role needs a nurse.", reasoning: null, inputTokens: 42, outputTokens: 6 });
  });

  test.each(["reasoning_content", "reasoning"] as const)(
    "reasoning (%s) is kept apart from the text",
    async (field) => {
      llm.setScript([
        { kind: "reply", reasoning: "They said ICU. Ask about shifts.", reasoningField: field, text: "Which shifts?" },
      ]);
      const { result, chunks } = await generate();
      expect(result.text).toBe("Which shifts?");
      expect(result.reasoning).toBe("They said ICU. Ask about shifts.");
      expect(
        chunks
          .filter((c) => c.type === "reasoning")
          .map((c) => c.text)
          .join(""),
      ).toBe(result.reasoning);
      expect(
        chunks
          .filter((c) => c.type === "text")
          .map((c) => c.text)
          .join(""),
      ).toBe("Which shifts?");
    },
  );

  test("sends the model, the system prompt, the turns, the options, usage streaming and the bearer key", async () => {
    llm.setScript([{ kind: "reply", text: "ok" }]);
    await generate({ settings: settings({ temperature: 0.3, maxOutputTokens: 200 }) });
    const [sent] = llm.requests;
    expect(sent!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent!.body).toMatchObject({
      model: "fake-model-7b",
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.3,
      max_tokens: 200,
      messages: [
        { role: "system", content: "You are a careful interviewer." },
        { role: "user", content: "Hello" },
        { role: "assistant", content: "Hi, tell me about the role." },
        { role: "user", content: "It is an ICU nurse position." },
      ],
    });
  });

  test("the modules' directives follow the system prompt, for the model to convey", async () => {
    llm.setScript([{ kind: "reply", text: "ok" }]);
    const directives = { say: ["Noted: night shifts."], ask: "Which unit?", quickReplies: ["ICU", "ER"], end: false };
    await generate({ directives });
    const system = llm.requests[0]!.body.messages![0]!;
    expect(system.role).toBe("system");
    expect(system.content).toMatch(/^You are a careful interviewer\.\n\nIn this reply:/);
    expect(system.content).toContain("Noted: night shifts.");
    expect(system.content).toContain("End by asking: Which unit?");
    expect(system.content).toContain("ICU | ER");
  });

  test("a persona's model and key win over the configuration", async () => {
    llm.setScript([{ kind: "reply", text: "ok" }]);
    await generate({ settings: settings({ model: "persona-model", apiKey: "sk-persona-key" }) });
    expect(llm.requests[0]!.body.model).toBe("persona-model");
    expect(llm.requests[0]!.headers.authorization).toBe("Bearer sk-persona-key");
  });

  test("the configured key is not sent to a persona's other server", async () => {
    const other = await startFakeLlm({ script: [{ kind: "reply", text: "ok" }] });
    try {
      await generate({ settings: settings({ baseUrl: other.baseUrl }) });
      expect(other.requests).toHaveLength(1);
      expect(other.requests[0]!.headers.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});

describe("failures", () => {
  test("HTTP 500 → refused, quoting the server's message", async () => {
    llm.setScript([{ kind: "error", status: 500, message: "CUDA out of memory while loading the model" }]);
    const error = await failure(generate());
    expect(error.kind).toBe("refused");
    expect(error.message).toContain("CUDA out of memory while loading the model");
    expect(error.message).toContain("500");
  });

  test("HTTP 401 → refused with the server's message, and the key never appears (even when echoed)", async () => {
    llm.setScript([
      {
        kind: "error",
        status: 401,
        message: `Incorrect API key provided: ${API_KEY}. You can find your API key in your account.`,
        type: "invalid_request_error",
        code: "invalid_api_key",
      },
    ]);
    const error = await failure(generate());
    expect(error.kind).toBe("refused");
    expect(error.message).toContain("Incorrect API key provided");
    expect(error.message).not.toContain(API_KEY);
    expect(inspect(error)).not.toContain(API_KEY);
  });

  test("a closed port → unreachable", async () => {
    const port = await closedPort();
    const error = await failure(generate({ settings: settings({ baseUrl: `http://127.0.0.1:${port}/v1` }) }));
    expect(error.kind).toBe("unreachable");
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toContain("connection refused");
  });

  test("no base URL anywhere → refused, saying what to set", async () => {
    const provider = openAICompatibleProvider(llmConfig({}));
    const error = await failure(provider.generate(request(), () => {}));
    expect(error.kind).toBe("refused");
    expect(error.message).toContain("SHORTLIST_LLM_BASE_URL");
  });

  test("a stream that stalls after one chunk → timeout within the idle limit", async () => {
    llm.setScript([{ kind: "stall", text: "Hel" }]);
    const chunks: ReplyChunk[] = [];
    const provider = openAICompatibleProvider(defaults, { idleTimeoutMs: 300 });
    const error = await failure(provider.generate(request(), (c) => chunks.push(c)));
    expect(error.kind).toBe("timeout");
    expect(error.message).toMatch(/stopped sending/);
    expect(chunks).toEqual([{ type: "text", text: "Hel" }]);
  });

  test("the whole call's timeout (settings.timeoutMs) → timeout", async () => {
    llm.setScript([{ kind: "reply", text: ["slow ", "slow ", "slow ", "slow"], chunkDelayMs: 150 }]);
    const error = await failure(generate({ settings: settings({ timeoutMs: 300 }) }, 5_000));
    expect(error.kind).toBe("timeout");
  });

  test("the caller's abort → cancelled", async () => {
    llm.setScript([{ kind: "stall" }]);
    const controller = new AbortController();
    const provider = openAICompatibleProvider(defaults, { idleTimeoutMs: 10_000 });
    const pending = provider.generate(request({ signal: controller.signal }), () => controller.abort());
    const error = await failure(pending);
    expect(error.kind).toBe("cancelled");
  });

  test("the caller's own deadline (AbortSignal.timeout) → timeout, not cancelled", async () => {
    llm.setScript([{ kind: "stall" }]);
    const error = await failure(generate({ signal: AbortSignal.timeout(300) }, 10_000));
    expect(error.kind).toBe("timeout");
  });

  test("a malformed stream → bad_response", async () => {
    llm.setScript([{ kind: "malformed" }]);
    const error = await failure(generate());
    expect(error.kind).toBe("bad_response");
  });
});

describe("structured output", () => {
  const Profile = z.object({ title: z.string(), skills: z.array(z.string()), remote: z.boolean() });
  const structured = (signal = new AbortController().signal) =>
    openAICompatibleProvider(defaults).structured({
      system: "Extract the vacancy.",
      prompt: "We need a remote ICU nurse with ventilator and triage skills.",
      schema: Profile,
      settings: settings(),
      signal,
    });

  test("parses into the zod schema, asking for JSON against the schema", async () => {
    const answer = { title: "ICU nurse", skills: ["ventilator", "triage"], remote: true };
    llm.setScript([{ kind: "reply", text: JSON.stringify(answer) }]);
    await expect(structured()).resolves.toEqual(answer);
    const sent = llm.requests[0]!.body;
    expect(sent.stream).toBeFalsy();
    expect(sent.response_format).toMatchObject({ type: "json_schema" });
    expect(JSON.stringify(sent.response_format)).toContain('"skills"');
  });

  test("invalid JSON → ProviderError bad_response", async () => {
    llm.setScript([{ kind: "reply", text: '{"title": "ICU nurse", "skills": [' }]);
    expect((await failure(structured())).kind).toBe("bad_response");
  });

  test("JSON that does not match the schema → ProviderError bad_response", async () => {
    llm.setScript([{ kind: "reply", text: JSON.stringify({ title: 7, skills: "none" }) }]);
    expect((await failure(structured())).kind).toBe("bad_response");
  });

  test("a 200 whose body is not JSON → bad_response, not refused", async () => {
    llm.setScript([{ kind: "malformed" }]);
    expect((await failure(structured())).kind).toBe("bad_response");
  });

  test("an HTTP error → refused", async () => {
    llm.setScript([{ kind: "error", status: 503, message: "model is loading" }]);
    const error = await failure(structured());
    expect(error.kind).toBe("refused");
    expect(error.message).toContain("model is loading");
  });
});

describe("configuration", () => {
  test("SHORTLIST_LLM_* become config.llm, with a 120 s default timeout, and the key never prints", () => {
    const llmSettings = llmConfig({
      SHORTLIST_LLM_BASE_URL: "http://localhost:11434/v1",
      SHORTLIST_LLM_MODEL: "llama3.1",
      SHORTLIST_LLM_API_KEY: API_KEY,
    });
    expect(llmSettings).toMatchObject({ baseUrl: "http://localhost:11434/v1", model: "llama3.1", apiKey: API_KEY });
    expect(llmSettings.timeoutMs).toBe(120_000);
    expect(JSON.stringify(llmSettings)).not.toContain(API_KEY);
    expect(inspect(llmSettings)).not.toContain(API_KEY);
    expect(
      JSON.stringify(loadConfig({ NODE_ENV: "test", SHORTLIST_LLM_API_KEY: API_KEY }, { readFiles: false })),
    ).not.toContain(API_KEY);
  });

  test("a base URL that is not http(s) is refused at start", () => {
    expect(() => llmConfig({ SHORTLIST_LLM_BASE_URL: "ftp://example.com" })).toThrow(/SHORTLIST_LLM_BASE_URL/);
  });
});

/** A port that was free a moment ago: nothing listens there. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
