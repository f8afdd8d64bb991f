import type { InterviewDTO, QuestionListItemDTO } from "@shortlist/api";
import type { QuestionType } from "@shortlist/api/schemas";

/** A row of the plan editor: a bank question (its id) with what the row shows. */
export interface PlanItem {
  id: string;
  text: string;
  type: QuestionType;
  difficulty: number;
  skills: string[];
  reason: string;
  timeLimitSeconds: number;
}

/** The saved plan as editor rows, in order; a question whose bank entry is gone cannot be planned again. */
export function planItems(interview: InterviewDTO): PlanItem[] {
  return [...interview.plan]
    .sort((a, b) => a.position - b.position)
    .flatMap((q) =>
      q.questionId
        ? [
            {
              id: q.questionId,
              text: q.text,
              type: q.type,
              difficulty: q.difficulty,
              skills: q.skills,
              reason: q.reason,
              timeLimitSeconds: q.timeLimitSeconds,
            },
          ]
        : [],
    );
}

export const bankItem = (q: QuestionListItemDTO, reason: string): PlanItem => ({
  id: q.id,
  text: q.text,
  type: q.type,
  difficulty: q.difficulty,
  skills: q.skills,
  reason,
  timeLimitSeconds: q.timeLimitSeconds,
});

export const sameOrder = (a: readonly PlanItem[], b: readonly PlanItem[]) =>
  a.length === b.length && a.every((item, i) => item.id === b[i]!.id);

/** The first words of a question, for labels and announcements. */
export function shortText(text: string, max = 60): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}
