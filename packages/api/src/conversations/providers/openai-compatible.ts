/** Any /v1/chat/completions server (Ollama, vLLM, llama.cpp, LM Studio, hosted APIs) through the Vercel AI SDK. */
import type { Provider } from "./types";

export function openAICompatibleProvider(): Provider {
  throw new Error("not implemented yet");
}
