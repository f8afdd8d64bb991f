import type { UseFormReturnType } from "@mantine/form";
import type { QuestionDTO } from "@shortlist/api";
import type { QuestionFieldsInput, QuestionType } from "@shortlist/api/schemas";
import type { FieldError } from "../../lib/errors";
import { fieldErrors } from "../../lib/errors";

/** A rubric row of the form: `id` keeps React's rows stable while rows are added, removed and moved. */
export interface CriterionValues {
  id: string;
  name: string;
  weight: number | string;
  strongAnswer: string;
  keywords: string[];
}

export interface QuestionFormValues {
  text: string;
  type: QuestionType;
  difficulty: number | string;
  skills: string[];
  tags: string[];
  rubric: CriterionValues[];
  idealAnswer: string;
  followUps: { id: string; text: string }[];
  timeLimitSeconds: number | string;
  active: boolean;
}

let nextId = 0;
/** A fresh row id (a counter: crypto.randomUUID needs a secure context). */
export const rowId = () => `row-${++nextId}`;

export const emptyCriterion = (): CriterionValues => ({
  id: rowId(),
  name: "",
  weight: 3,
  strongAnswer: "",
  keywords: [],
});

export const questionFormValues = (question?: QuestionDTO): QuestionFormValues => ({
  text: question?.text ?? "",
  type: question?.type ?? "technical",
  difficulty: question?.difficulty ?? 3,
  skills: question?.skills ?? [],
  tags: question?.tags ?? [],
  rubric: question
    ? question.rubric.map((c) => ({
        id: rowId(),
        name: c.name,
        weight: c.weight,
        strongAnswer: c.strongAnswer,
        keywords: c.keywords ?? [],
      }))
    : [emptyCriterion()],
  idealAnswer: question?.idealAnswer ?? "",
  followUps: (question?.followUps ?? []).map((text) => ({ id: rowId(), text })),
  timeLimitSeconds: question?.timeLimitSeconds ?? 300,
  active: question?.active ?? true,
});

/** An empty number input is left for the server to name ("Expected a number"), not filled in with a guess. */
const numberOf = (value: number | string) => (typeof value === "number" ? value : Number.NaN);

/** What questions.create takes (and update's `changes`): the form's rows without their ids. */
export function questionInputOf(values: QuestionFormValues): QuestionFieldsInput {
  return {
    text: values.text,
    type: values.type,
    difficulty: numberOf(values.difficulty),
    skills: values.skills,
    tags: values.tags,
    rubric: values.rubric.map((c) => ({
      name: c.name,
      weight: numberOf(c.weight),
      strongAnswer: c.strongAnswer,
      keywords: c.keywords,
    })),
    idealAnswer: values.idealAnswer,
    followUps: values.followUps.map((f) => f.text),
    timeLimitSeconds: numberOf(values.timeLimitSeconds),
    active: values.active,
  };
}

/**
 * The form path of a server field error: `rubric.1.strongAnswer` is that row's input, `rubric.1.keywords.3` its
 * keywords input, `followUps.0` the first follow-up's, `skills.2` the skills picker; an update's paths start with
 * `changes.`. Null when no input shows it.
 */
export function formPathOf(path: string, values: QuestionFormValues): string | null {
  const [field, index, member] = path.replace(/^changes\./, "").split(".");
  if (!field || !(field in values)) return null;
  const i = Number(index);
  if (field === "rubric" && index !== undefined && Number.isInteger(i) && values.rubric[i]) {
    return member && member in values.rubric[i] && member !== "id" ? `rubric.${i}.${member}` : "rubric";
  }
  if (field === "followUps" && index !== undefined && Number.isInteger(i) && values.followUps[i]) {
    return `followUps.${i}.text`;
  }
  return field;
}

/** Puts the server's field errors on their inputs (rubric rows included); answers those no input shows. */
export function applyQuestionErrors(form: UseFormReturnType<QuestionFormValues>, error: unknown): FieldError[] {
  const values = form.getValues();
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
