/** The hiring report's "Interview" section: the application's latest completed interview scorecard, in words. */
import type { EntityManager, ReportSection } from "@shortlist/db";
import { dbRow } from "../db-rows";
import { RECOMMENDATION_LABEL } from "../shared/format";
import type { ReportSectionSource } from "../vetting";
import { SCORECARD_COLUMNS, toScorecardDTO, type ScorecardRow } from "./evaluation-mappers";

const points = (score: number) => `${Math.round(score)} of 100`;

export async function interviewSectionFor(em: EntityManager, applicationId: string): Promise<ReportSection | null> {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `select ${SCORECARD_COLUMNS}, i.completed_at from interview_scorecards s join interviews i on i.id = s.interview_id
     where s.application_id = ? and i.status = 'COMPLETED'
     order by i.completed_at desc nulls last, i.id desc limit 1`,
    [applicationId],
  );
  if (!row) return null;
  const card = toScorecardDTO(dbRow<ScorecardRow>(row, { dates: ["updatedAt"] }));
  return {
    key: "interview",
    title: "Interview",
    facts: [
      ["Overall", points(card.overall)],
      ["Recommendation", RECOMMENDATION_LABEL[card.recommendation]],
      ["Answered", `${card.answered} of ${card.planned} planned questions`],
    ],
    list: {
      title: "Scores per skill",
      items: card.skills.map(
        (s) => `${s.skill}: ${points(s.score)} (${s.answers} ${s.answers === 1 ? "answer" : "answers"})`,
      ),
    },
    text: card.summary,
    data: {
      interviewId: card.interviewId,
      overall: card.overall,
      recommendation: card.recommendation,
      answered: card.answered,
      planned: card.planned,
      skills: card.skills,
    },
  };
}

export const interviewReportSection: ReportSectionSource = {
  key: "interview",
  order: 10,
  load: (em, scope) => interviewSectionFor(em, scope.applicationId),
};
