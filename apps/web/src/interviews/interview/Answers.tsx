import { Button, Menu, Stack, Text } from "@mantine/core";
import type { InterviewResultsDTO, RubricAgreementDTO } from "@shortlist/api";
import { IconChevronDown, IconRefresh } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { plural } from "../../lib/format";
import { useHasRole } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { ActionError } from "../../ui/ErrorState";
import { Section } from "../../ui/Section";
import { AnswerCard } from "./AnswerCard";
import { useInterviewCache } from "./cache";

/** Every answer with its evaluations, final score and override; Re-evaluate (writers); what was not answered. */
export function Answers({ results }: { results: InterviewResultsDTO }) {
  const trpc = useTRPC();
  const canWrite = useHasRole("writers");
  const cache = useInterviewCache();
  const { interview } = results;
  const answers = [...results.answers].sort((a, b) => a.question.position - b.question.position);
  const answeredIds = new Set(answers.map((a) => a.interviewQuestionId));
  const plan = [...interview.plan].sort((a, b) => a.position - b.position);
  /** Questions are numbered from 1 in plan order, whatever base the positions have. */
  const numberOf = new Map(plan.map((q, index) => [q.id, index + 1]));
  const unanswered = plan.filter((q) => !answeredIds.has(q.id));
  const questionIds = [...new Set(answers.flatMap((a) => (a.question.questionId ? [a.question.questionId] : [])))];
  // Decoration only: a failure leaves the figures out.
  const agreement = useQuery(
    trpc.interviews.rubricAgreement.queryOptions({ questionIds }, { enabled: questionIds.length > 0, retry: false }),
  );
  const agreementOf = new Map<string, RubricAgreementDTO>((agreement.data ?? []).map((a) => [a.questionId, a]));
  const reevaluate = useMutation(trpc.interviews.reevaluate.mutationOptions({ onSuccess: (r) => cache.results(r) }));

  return (
    <Section
      title="Answers"
      data-testid="answers"
      actions={
        canWrite &&
        answers.length > 0 && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                variant="default"
                size="sm"
                leftSection={<IconRefresh size={16} aria-hidden />}
                rightSection={<IconChevronDown size={14} aria-hidden />}
                loading={reevaluate.isPending}
              >
                Re-evaluate
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => reevaluate.mutate({ id: interview.id, evaluator: "builtin" })}>
                <Text size="sm">Built-in evaluator</Text>
                <Text size="xs" c="dimmed">
                  Rubric coverage, offline
                </Text>
              </Menu.Item>
              <Menu.Item onClick={() => reevaluate.mutate({ id: interview.id, evaluator: "model" })}>
                <Text size="sm">Model judge</Text>
                <Text size="xs" c="dimmed">
                  The configured model scores against the same rubric
                </Text>
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )
      }
    >
      <Stack gap="md">
        <ActionError error={reevaluate.error} title="Not re-evaluated" onDismiss={() => reevaluate.reset()} />
        {answers.length === 0 && (
          <Text size="sm" c="dimmed">
            No answers yet.
          </Text>
        )}
        {answers.map((answer) => (
          <AnswerCard
            key={answer.id}
            interviewId={interview.id}
            number={numberOf.get(answer.interviewQuestionId) ?? 0}
            answer={answer}
            agreement={answer.question.questionId ? agreementOf.get(answer.question.questionId) : undefined}
          />
        ))}
        {interview.status === "COMPLETED" && unanswered.length > 0 && (
          <Text size="sm" c="dimmed" data-testid="unanswered">
            Not answered ({plural(unanswered.length, "question")}, scored 0):{" "}
            {unanswered.map((q) => `${numberOf.get(q.id)}. ${q.text.slice(0, 80)}`).join(" · ")}
          </Text>
        )}
      </Stack>
    </Section>
  );
}
