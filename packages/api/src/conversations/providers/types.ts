/**
 * The provider port: what the pipeline asks of a model. `builtin` answers from the persona's templates and the
 * modules' directives, offline and deterministically; `openai-compatible` asks a /v1/chat/completions server.
 */
import type { ProviderKind, ProviderOptions } from "@shortlist/db";
import type { z } from "zod";
import type { ReplyDirectivesDTO } from "../dto";

export interface ChatTurn {
  role: "user" | "assistant";
  content: string;
}

/** The settings in force for one call (the conversation's, the API key opened from the persona). */
export interface ProviderSettings extends ProviderOptions {
  provider: ProviderKind;
  model: string | null;
  apiKey: string | null;
}

export interface GenerateRequest {
  /** The rendered system prompt: the persona's template and the content of the modules that fired. */
  system: string;
  /** The conversation so far, oldest first, ending with the user's message (bounded by the pipeline). */
  messages: ChatTurn[];
  /** What the modules and the persona's driver want said (the built-in provider says exactly this). */
  directives: ReplyDirectivesDTO;
  settings: ProviderSettings;
  /** Aborted on timeout, on cancellation and at server shutdown. */
  signal: AbortSignal;
}

export type ReplyChunk = { type: "text"; text: string } | { type: "reasoning"; text: string };

export interface GenerateResult {
  text: string;
  reasoning: string | null;
  /** Tokens as the model counted them; the built-in provider counts words. Null when the server sends none. */
  inputTokens: number | null;
  outputTokens: number | null;
}

export interface StructuredRequest<T> {
  system: string;
  prompt: string;
  schema: z.ZodType<T>;
  settings: ProviderSettings;
  signal: AbortSignal;
}

export interface Provider {
  readonly kind: ProviderKind;
  /** Streams the reply through `onChunk` as it comes; resolves with the whole of it. Throws `ProviderError`. */
  generate(request: GenerateRequest, onChunk: (chunk: ReplyChunk) => void): Promise<GenerateResult>;
  /** An object matching `schema`, or null when this provider cannot produce one (the built-in provider). */
  structured<T>(request: StructuredRequest<T>): Promise<T | null>;
}

/** Why a model call failed, said so a person can act on it; shown in the chat with a retry. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly kind: "timeout" | "cancelled" | "unreachable" | "refused" | "bad_response",
  ) {
    super(message);
    this.name = "ProviderError";
  }
}
