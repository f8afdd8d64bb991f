import type { UseFormReturnType } from "@mantine/form";
import type { createCycleInput, FormQuestionKind } from "@shortlist/api/schemas";
import type { z } from "zod";
import { errorDetails, errorReason, fieldErrors, type FieldError } from "../../lib/errors";

export interface QuestionValues {
  /** Keeps React's rows stable while rows are added and removed. */
  id: string;
  key: string;
  label: string;
  kind: FormQuestionKind;
  maxLength: number | string;
  required: boolean;
  identifying: boolean;
}

export interface CriterionValues {
  id: string;
  key: string;
  label: string;
  weight: number | string;
  description: string;
}

export interface CycleFormValues {
  slug: string;
  name: string;
  description: string;
  capacity: number | string;
  /** `datetime-local` values ("2027-01-31T09:00"), or empty. */
  opensAt: string;
  closesAt: string;
  questions: QuestionValues[];
  criteria: CriterionValues[];
}

let nextId = 0;
/** A fresh row id (a counter: crypto.randomUUID needs a secure context). */
const rowId = () => `row-${++nextId}`;

export const emptyQuestion = (): QuestionValues => ({
  id: rowId(),
  key: "",
  label: "",
  kind: "long",
  maxLength: "",
  required: true,
  identifying: false,
});

export const emptyCriterion = (): CriterionValues => ({ id: rowId(), key: "", label: "", weight: 1, description: "" });

export const emptyCycle = (): CycleFormValues => ({
  slug: "",
  name: "",
  description: "",
  capacity: "",
  opensAt: "",
  closesAt: "",
  questions: [emptyQuestion()],
  criteria: [emptyCriterion()],
});

/** An empty number input is left for the server to name ("Must be a whole number"), not guessed. */
const numberOf = (value: number | string) => (typeof value === "number" ? value : Number.NaN);
const dateOf = (value: string) => (value ? new Date(value) : null);

/** What admissions.cycles.create takes: the form's rows without their ids. */
export function cycleInputOf(values: CycleFormValues): z.input<typeof createCycleInput> {
  return {
    slug: values.slug.trim(),
    name: values.name,
    description: values.description,
    capacity: numberOf(values.capacity),
    opensAt: dateOf(values.opensAt),
    closesAt: dateOf(values.closesAt),
    questions: values.questions.map((q) => ({
      key: q.key.trim(),
      label: q.label,
      kind: q.kind,
      ...(q.maxLength !== "" && { maxLength: numberOf(q.maxLength) }),
      required: q.required,
      identifying: q.identifying,
    })),
    criteria: values.criteria.map((c) => ({
      key: c.key.trim(),
      label: c.label,
      weight: numberOf(c.weight),
      description: c.description,
    })),
  };
}

const LIST_FIELDS = ["questions", "criteria"] as const;

/**
 * The form path of a server field error: `questions.1.key` is that row's input, `criteria.0` (or a member no input
 * shows) the list's own message; top-level fields are theirs. Null when no input shows it.
 */
export function formPathOf(path: string, values: CycleFormValues): string | null {
  const [field, index, member] = path.split(".");
  if (!field || !(field in values)) return null;
  const list = LIST_FIELDS.find((name) => name === field);
  if (!list) return field;
  const row = index === undefined ? undefined : values[list][Number(index)];
  if (row && member && member in row && member !== "id") return `${list}.${index}.${member}`;
  return list;
}

/** Puts the server's refusal on the inputs it names; answers the field errors no input shows. */
export function applyCycleErrors(form: UseFormReturnType<CycleFormValues>, error: unknown): FieldError[] {
  const values = form.getValues();
  if (errorReason(error) === "duplicate") {
    const fields = (errorDetails(error).fields as string[] | undefined) ?? [];
    if (!fields.length || fields.includes("slug")) form.setFieldError("slug", "Another cycle already uses this slug");
    return [];
  }
  const unshown: FieldError[] = [];
  const set = new Set<string>();
  for (const fieldError of fieldErrors(error)) {
    const path = formPathOf(fieldError.path, values);
    if (!path) unshown.push(fieldError);
    else if (!set.has(path)) {
      set.add(path);
      form.setFieldError(path, fieldError.message);
    }
  }
  return unshown;
}
