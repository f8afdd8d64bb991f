/**
 * The built-in provider: offline and deterministic. It says what the persona's driver and modules asked for
 * (`directives.say` lines, then `directives.ask`), or a short acknowledgement when they asked for nothing.
 * Streamed word by word with no delay; token counts are word counts.
 */
import { ProviderError, type GenerateRequest, type GenerateResult, type Provider, type ReplyChunk } from "./types";

/** Quotes nothing from the conversation: the acknowledgement may be shown in any chat. */
export const BUILTIN_ACKNOWLEDGEMENT = "Noted. Tell me more, or ask me anything about this conversation.";

export function builtinReplyText(directives: GenerateRequest["directives"]): string {
  const parts = [...directives.say, ...(directives.ask ? [directives.ask] : [])]
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  return parts.length > 0 ? parts.join("\n\n") : BUILTIN_ACKNOWLEDGEMENT;
}

export const wordCount = (text: string) => text.split(/\s+/).filter((word) => word.length > 0).length;

export const builtinProvider: Provider = {
  kind: "builtin",
  async generate(request: GenerateRequest, onChunk: (chunk: ReplyChunk) => void): Promise<GenerateResult> {
    const text = builtinReplyText(request.directives);
    // Each chunk is a word with the whitespace that follows it, so the chunks join back into `text` exactly.
    for (const chunk of text.match(/\S+\s*|\s+/g) ?? []) {
      if (request.signal.aborted) throw new ProviderError("The reply was stopped before it was finished", "cancelled");
      onChunk({ type: "text", text: chunk });
    }
    const inputWords = wordCount(request.system) + request.messages.reduce((n, m) => n + wordCount(m.content), 0);
    return { text, reasoning: null, inputTokens: inputWords, outputTokens: wordCount(text) };
  },
  async structured() {
    return null;
  },
};
