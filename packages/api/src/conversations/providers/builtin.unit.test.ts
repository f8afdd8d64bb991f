import { describe, expect, test } from "vitest";
import type { ReplyDirectivesDTO } from "../dto";
import { BUILTIN_ACKNOWLEDGEMENT, builtinProvider } from "./builtin";
import { ProviderError, type GenerateRequest, type ReplyChunk } from "./types";

const directives = (d: Partial<ReplyDirectivesDTO> = {}): ReplyDirectivesDTO => ({
  say: [],
  ask: null,
  quickReplies: [],
  end: false,
  ...d,
});

function request(d: Partial<ReplyDirectivesDTO> = {}, signal = new AbortController().signal): GenerateRequest {
  return {
    system: "You are a careful interviewer.",
    messages: [{ role: "user", content: "My salary is 90k and my phone is 555 0100" }],
    directives: directives(d),
    settings: { provider: "builtin", model: null, apiKey: null },
    signal,
  };
}

async function generate(req: GenerateRequest) {
  const chunks: ReplyChunk[] = [];
  const result = await builtinProvider.generate(req, (chunk) => chunks.push(chunk));
  return { result, chunks };
}

describe("the built-in provider", () => {
  test("says the `say` lines, then asks `ask`, separated by blank lines, streamed word by word", async () => {
    const { result, chunks } = await generate(request({ say: ["Thanks.", "  ", "Noted your answer."], ask: "Next?" }));
    expect(result.text).toBe("Thanks.\n\nNoted your answer.\n\nNext?");
    expect(chunks.map((c) => c.text).join("")).toBe(result.text);
    expect(chunks.every((c) => c.type === "text" && c.text.trim().split(/\s+/).length === 1)).toBe(true);
    expect([result.outputTokens, result.inputTokens, result.reasoning]).toEqual([5, 5 + 10, null]);
  });

  test("with nothing to say: a fixed acknowledgement that quotes nothing from the conversation", async () => {
    const { result } = await generate(request());
    expect(result.text).toBe(BUILTIN_ACKNOWLEDGEMENT);
    expect(result.text).not.toMatch(/90k|555/);
  });

  test("an aborted request stops with a cancelled ProviderError; structured output is null", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(generate(request({ say: ["Hello"] }, controller.signal))).rejects.toMatchObject({
      constructor: ProviderError,
      kind: "cancelled",
    });
    expect(await builtinProvider.structured({} as never)).toBeNull();
  });
});
