import type { UseFormReturnType } from "@mantine/form";
import type { PersonaMode, ProviderKind } from "@shortlist/api/schemas";
import type { inferInput } from "@trpc/tanstack-react-query";
import { applyFieldErrors } from "../../lib/form-errors";
import type { FieldError } from "../../lib/errors";
import type { Trpc } from "../../lib/trpc";
import type { Persona } from "../types";

type PersonaInput = inferInput<Trpc["personas"]["create"]>;

/** The persona form's values: the provider settings flattened, so each has its own input and error. */
export interface PersonaFormValues {
  name: string;
  description: string;
  template: string;
  mode: PersonaMode;
  firstMessage: string;
  active: boolean;
  provider: ProviderKind;
  model: string;
  baseUrl: string;
  /** Typed to replace the stored key; empty keeps it. */
  apiKey: string;
  clearApiKey: boolean;
  temperature: number | string;
  maxOutputTokens: number | string;
  timeoutMs: number | string;
  moduleIds: string[];
}

const DEFAULT_TEMPLATE =
  "You are a friendly recruiter{% if variables.candidate %} talking to {{ variables.candidate.name }}{% endif %}.\n" +
  "Answer briefly and ask one question at a time.";

export const personaFormValues = (persona?: Persona): PersonaFormValues => ({
  name: persona?.name ?? "",
  description: persona?.description ?? "",
  template: persona?.template ?? DEFAULT_TEMPLATE,
  mode: persona?.mode ?? "chat",
  firstMessage: persona?.firstMessage ?? "",
  active: persona?.active ?? true,
  provider: persona?.settings.provider ?? "builtin",
  model: persona?.settings.model ?? "",
  baseUrl: persona?.settings.baseUrl ?? "",
  apiKey: "",
  clearApiKey: false,
  temperature: persona?.settings.temperature ?? "",
  maxOutputTokens: persona?.settings.maxOutputTokens ?? "",
  timeoutMs: persona?.settings.timeoutMs ?? "",
  moduleIds: persona?.modules.map((m) => m.id) ?? [],
});

const numberOrNull = (value: number | string) => (typeof value === "number" ? value : null);
const textOrNull = (value: string) => (value.trim() ? value.trim() : null);

/** What personas.create/update take: the API key only when typed (a new one) or cleared (null). */
export function personaInputOf(values: PersonaFormValues): PersonaInput {
  return {
    name: values.name,
    description: values.description,
    template: values.template,
    mode: values.mode,
    firstMessage: textOrNull(values.firstMessage),
    active: values.active,
    settings: {
      provider: values.provider,
      model: textOrNull(values.model),
      baseUrl: textOrNull(values.baseUrl),
      ...(values.apiKey ? { apiKey: values.apiKey } : values.clearApiKey ? { apiKey: null } : {}),
      temperature: numberOrNull(values.temperature),
      maxOutputTokens: numberOrNull(values.maxOutputTokens),
      timeoutMs: numberOrNull(values.timeoutMs),
    },
    moduleIds: values.moduleIds,
  };
}

/** The server's field errors on the inputs: `settings.baseUrl` lands on Base URL. Answers those no input shows. */
export function applyPersonaErrors(form: UseFormReturnType<PersonaFormValues>, error: unknown): FieldError[] {
  const rest: FieldError[] = [];
  for (const fieldError of applyFieldErrors(form, error)) {
    const [head, field] = fieldError.path.split(".");
    if (head === "settings" && field && field in form.getValues()) form.setFieldError(field, fieldError.message);
    else rest.push(fieldError);
  }
  return rest;
}
