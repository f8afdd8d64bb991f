/** Any /v1/chat/completions server (Ollama, vLLM, llama.cpp, LM Studio, hosted APIs) through the Vercel AI SDK. */
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { APICallError, generateText, Output, streamText } from "ai";
import type { LlmSettings } from "@shortlist/config";
import type { ReplyDirectivesDTO } from "../dto";
import {
  ProviderError,
  type GenerateRequest,
  type GenerateResult,
  type Provider,
  type ProviderSettings,
  type ReplyChunk,
  type StructuredRequest,
} from "./types";

export interface OpenAICompatibleOptions {
  /** The longest pause between two chunks of a streamed reply before it counts as stalled (default 30 s). */
  idleTimeoutMs?: number;
}

const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

interface Target {
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  timeoutMs: number;
}

/**
 * `defaults` is `config.llm`: a persona's settings win over it. The configured API key goes only to the configured
 * server: a persona naming another base URL brings its own key (or none), so the key never leaks elsewhere.
 */
export function openAICompatibleProvider(defaults: LlmSettings, options: OpenAICompatibleOptions = {}): Provider {
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;

  const target = (settings: ProviderSettings): Target => {
    const baseUrl = settings.baseUrl ?? defaults.baseUrl;
    if (!baseUrl) {
      throw new ProviderError(
        "No model server configured: set SHORTLIST_LLM_BASE_URL or the persona's base URL",
        "refused",
      );
    }
    const model = settings.model ?? defaults.model;
    if (!model)
      throw new ProviderError("No model configured: set SHORTLIST_LLM_MODEL or the persona's model", "refused");
    const sameServer = !settings.baseUrl || settings.baseUrl === defaults.baseUrl;
    const apiKey = settings.apiKey ?? (sameServer ? defaults.apiKey : undefined);
    return { baseUrl, model, apiKey, timeoutMs: settings.timeoutMs ?? defaults.timeoutMs };
  };

  const languageModel = (t: Target) =>
    createOpenAICompatible({
      name: "openai-compatible",
      baseURL: t.baseUrl,
      apiKey: t.apiKey,
      includeUsage: true,
      supportsStructuredOutputs: true,
    }).chatModel(t.model);

  return {
    kind: "openai-compatible",

    async generate(request: GenerateRequest, onChunk: (chunk: ReplyChunk) => void): Promise<GenerateResult> {
      const t = target(request.settings);
      const clock = new CallClock(request.signal, t.timeoutMs, idleTimeoutMs);
      let text = "";
      let reasoning = "";
      let inputTokens: number | null = null;
      let outputTokens: number | null = null;
      try {
        const result = streamText({
          model: languageModel(t),
          instructions: withDirectives(request.system, request.directives),
          messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
          temperature: request.settings.temperature,
          maxOutputTokens: request.settings.maxOutputTokens,
          abortSignal: clock.signal,
          maxRetries: 0,
          // Errors arrive as `error` parts below; the default handler would print them.
          onError: () => {},
        });
        let streaming = false;
        for await (const part of result.fullStream) {
          // The pause allowed between chunks starts with the first one: before it, the server may be reading a long
          // prompt, which only the whole call's timeout bounds.
          streaming ||= part.type === "text-delta" || part.type === "reasoning-delta";
          if (streaming) clock.armIdle();
          if (part.type === "text-delta" && part.text) {
            text += part.text;
            onChunk({ type: "text", text: part.text });
          } else if (part.type === "reasoning-delta" && part.text) {
            reasoning += part.text;
            onChunk({ type: "reasoning", text: part.text });
          } else if (part.type === "finish") {
            inputTokens = part.totalUsage.inputTokens ?? null;
            outputTokens = part.totalUsage.outputTokens ?? null;
          } else if (part.type === "error") {
            throw part.error;
          } else if (part.type === "abort") {
            throw clock.signal.reason;
          }
        }
        if (clock.signal.aborted) throw clock.signal.reason;
      } catch (error) {
        throw providerError(error, clock, t);
      } finally {
        clock.dispose();
      }
      return { text, reasoning: reasoning || null, inputTokens, outputTokens };
    },

    async structured<T>(request: StructuredRequest<T>): Promise<T | null> {
      const t = target(request.settings);
      const clock = new CallClock(request.signal, t.timeoutMs, null);
      try {
        const result = await generateText({
          model: languageModel(t),
          instructions: request.system,
          prompt: request.prompt,
          output: Output.object({ schema: request.schema }),
          temperature: request.settings.temperature ?? 0,
          maxOutputTokens: request.settings.maxOutputTokens,
          abortSignal: clock.signal,
          maxRetries: 0,
        });
        return result.output as T;
      } catch (error) {
        throw providerError(error, clock, t);
      } finally {
        clock.dispose();
      }
    },
  };
}

/** What the modules want conveyed (the built-in provider says it verbatim), as guidance after the system prompt. */
export function withDirectives(system: string, directives: ReplyDirectivesDTO | undefined): string {
  if (!directives) return system;
  const lines: string[] = [];
  if (directives.say.length) lines.push(`- Convey: ${directives.say.join(" ")}`);
  if (directives.ask) lines.push(`- End by asking: ${directives.ask}`);
  if (directives.quickReplies.length) {
    lines.push(`- The user is offered these quick replies: ${directives.quickReplies.join(" | ")}`);
  }
  if (directives.end) lines.push("- This is the last message of the conversation: close it; ask nothing more.");
  return lines.length ? `${system}\n\nIn this reply:\n${lines.join("\n")}` : system;
}

/** The caller's signal joined with the call's own deadlines: the whole call, and the longest pause in a stream. */
class CallClock {
  readonly signal: AbortSignal;
  timedOut: "total" | "idle" | null = null;
  private readonly own = new AbortController();
  private readonly totalTimer: NodeJS.Timeout;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly callerSignal: AbortSignal,
    readonly totalMs: number,
    readonly idleMs: number | null,
  ) {
    this.signal = AbortSignal.any([callerSignal, this.own.signal]);
    this.totalTimer = setTimeout(() => this.expire("total"), totalMs);
  }

  /** (Re)starts the pause allowed before the next chunk. */
  armIdle(): void {
    if (this.idleMs === null || this.signal.aborted) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.expire("idle"), this.idleMs);
  }

  dispose(): void {
    clearTimeout(this.totalTimer);
    clearTimeout(this.idleTimer);
  }

  private expire(which: "total" | "idle"): void {
    if (this.signal.aborted) return;
    this.timedOut = which;
    this.own.abort(new ProviderError(this.timeoutMessage(which), "timeout"));
  }

  timeoutMessage(which: "total" | "idle"): string {
    return which === "idle"
      ? `The model server stopped sending its reply (nothing for ${seconds(this.idleMs ?? 0)}); try again`
      : `The model server did not answer within ${seconds(this.totalMs)}; try again, or raise the timeout`;
  }
}

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);

/** Why the call failed, in words a person can act on; never the API key, even when the server echoes it. */
function providerError(error: unknown, clock: CallClock, t: Target): ProviderError {
  const redact = (message: string) =>
    t.apiKey && t.apiKey.length >= 4 ? message.split(t.apiKey).join("[redacted]") : message;
  if (clock.timedOut) return new ProviderError(clock.timeoutMessage(clock.timedOut), "timeout");
  if (clock.callerSignal.aborted) {
    const reason: unknown = clock.callerSignal.reason;
    if (reason instanceof ProviderError) return reason;
    // The caller's own deadline (AbortSignal.timeout) is a timeout too, not a cancellation.
    if (reason instanceof Error && reason.name === "TimeoutError") {
      return new ProviderError("The model server did not finish its reply in time; try again", "timeout");
    }
    return new ProviderError("The reply was cancelled", "cancelled");
  }
  if (error instanceof ProviderError) return new ProviderError(redact(error.message), error.kind);
  if (APICallError.isInstance(error)) {
    if (error.statusCode === undefined) {
      return new ProviderError(`Cannot reach the model server at ${t.baseUrl}: ${networkCause(error)}`, "unreachable");
    }
    if (error.statusCode < 400)
      return new ProviderError(redact(`${unreadable}: ${clip(error.message)}`), "bad_response");
    const said = serverMessage(error);
    return new ProviderError(
      redact(`The model server refused the request (HTTP ${error.statusCode})${said ? `: ${said}` : ""}`),
      "refused",
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ProviderError(redact(`${unreadable}: ${clip(detail)}`), "bad_response");
}

const unreadable = "The model server's answer could not be read";
const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

/** The server's own words: `{"error":{"message"}}` as the SDK parsed it, else a short piece of the body. */
function serverMessage(error: APICallError): string {
  const data = error.data as { error?: { message?: unknown } } | undefined;
  if (typeof data?.error?.message === "string") return data.error.message;
  const body = error.responseBody?.trim();
  if (body) return clip(body);
  return error.message;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused (is the model server running?)",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "the host name could not be looked up",
  ECONNRESET: "the connection was reset",
  ETIMEDOUT: "the connection timed out",
  EHOSTUNREACH: "host unreachable",
};

function networkCause(error: APICallError): string {
  let cause: unknown = error.cause;
  for (let depth = 0; cause && depth < 4; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") return NETWORK_CODES[code] ?? code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return error.message;
}
