/** The provider a conversation's settings name (`config.llm` fills in what the persona leaves unset). */
import type { Config } from "@shortlist/config";
import { builtinProvider } from "./builtin";
import { openAICompatibleProvider } from "./openai-compatible";
import type { Provider, ProviderSettings } from "./types";

const openAICompatible = new WeakMap<Config["llm"], Provider>();

export function providerFor(settings: Pick<ProviderSettings, "provider">, config: Pick<Config, "llm">): Provider {
  if (settings.provider === "builtin") return builtinProvider;
  let provider = openAICompatible.get(config.llm);
  if (!provider) openAICompatible.set(config.llm, (provider = openAICompatibleProvider(config.llm)));
  return provider;
}

export { ProviderError, type Provider, type ProviderSettings } from "./types";
