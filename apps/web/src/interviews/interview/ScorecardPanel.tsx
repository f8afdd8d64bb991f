import { Badge, Group, Progress, Stack, Text } from "@mantine/core";
import type { InterviewResultsDTO } from "@shortlist/api";
import { fixed, formatDateTime, plural, RECOMMENDATION_LABEL } from "../../lib/format";
import { Section } from "../../ui/Section";
import { scoreColor } from "../parts/labels";

/** The interview's scorecard: overall, recommendation, a bar per skill, the summary. */
export function ScorecardPanel({ results }: { results: InterviewResultsDTO }) {
  const card = results.scorecard;
  return (
    <Section title="Scorecard" data-testid="scorecard">
      {!card ? (
        <Text size="sm" c="dimmed">
          No scorecard yet: it is made when the interview completes.
        </Text>
      ) : (
        <Stack gap="md">
          <Group gap="lg" align="center">
            <Stack gap={0} align="center">
              <Text fz={36} fw={700} lh={1} c={`${scoreColor(card.overall)}.8`} data-testid="scorecard-overall">
                {fixed(card.overall, 0)}
              </Text>
              <Text size="xs" c="dimmed">
                of 100
              </Text>
            </Stack>
            <Stack gap={4}>
              <Badge size="lg" variant="light" color={scoreColor(card.overall)} data-testid="scorecard-recommendation">
                {RECOMMENDATION_LABEL[card.recommendation]}
              </Badge>
              <Text size="xs" c="dimmed">
                {card.answered} of {plural(card.planned, "question")} answered · updated{" "}
                {formatDateTime(card.updatedAt)}
              </Text>
            </Stack>
          </Group>
          {card.skills.length > 0 && (
            <Stack gap={6} component="ul" p={0} m={0} aria-label="Scores per skill">
              {card.skills.map((s) => (
                <Group key={s.skill} component="li" gap="sm" wrap="nowrap" style={{ listStyle: "none" }}>
                  <Text size="sm" w={180} truncate title={s.skill}>
                    {s.skill}
                  </Text>
                  <Progress
                    value={s.score}
                    color={scoreColor(s.score)}
                    style={{ flex: 1 }}
                    aria-label={`${s.skill}: ${fixed(s.score, 0)} of 100`}
                  />
                  <Text size="sm" w={110} ta="right">
                    {fixed(s.score, 0)} · {plural(s.answers, "answer")}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
          {card.summary && (
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="scorecard-summary">
              {card.summary}
            </Text>
          )}
        </Stack>
      )}
    </Section>
  );
}
