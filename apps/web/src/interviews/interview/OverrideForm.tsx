import { Button, Group, NumberInput, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { overrideScoreInput } from "@shortlist/api/schemas";
import { useMutation } from "@tanstack/react-query";
import { errorReason, fieldErrors } from "../../lib/errors";
import { fixed } from "../../lib/format";
import { applyFieldErrors, fieldResolver } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";
import { FormError, StaleVersionAlert } from "../../ui/ErrorState";
import { FormActions } from "../../ui/FormActions";
import type { ResultAnswer } from "./AnswerCard";
import { useInterviewCache } from "./cache";

const resolve = fieldResolver(overrideScoreInput.pick({ score: true, reason: true }));

/** A reviewer's score for the answer (0–100) with the reason, or the override cleared; the scorecard follows. */
export function OverrideForm({
  interviewId,
  answer,
  onDone,
}: {
  interviewId: string;
  answer: ResultAnswer;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const cache = useInterviewCache();
  const start = answer.override?.score ?? answer.finalScore;
  const form = useForm({
    initialValues: { score: (start === null ? "" : Number(fixed(start, 0))) as number | string, reason: "" },
    validate: (values) => {
      const errors = resolve({ score: values.score === "" ? null : Number(values.score), reason: values.reason });
      if (values.score === "") errors.score = "Give a score from 0 to 100";
      if (!values.reason.trim()) errors.reason = "Say why you change the score";
      return errors;
    },
  });
  const save = useMutation(
    trpc.interviews.overrideScore.mutationOptions({
      onSuccess(results, input) {
        cache.results(results);
        notifications.show({
          color: "green",
          title: input.score === null ? "Override cleared" : "Score overridden",
          message: "The scorecard was recomputed.",
        });
        onDone();
      },
      onError: (error) => void applyFieldErrors(form, error),
    }),
  );
  const submit = form.onSubmit(({ score, reason }) =>
    save.mutate({ answerId: answer.id, version: answer.version, score: Number(score), reason: reason.trim() }),
  );
  const stale = errorReason(save.error) === "stale_version";
  const shown = fieldErrors(save.error).some((e) => e.path === "score" || e.path === "reason");
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" lineClamp={3} c="dimmed">
          {answer.question.text}
        </Text>
        <Group align="flex-start" grow>
          <NumberInput
            label="Score"
            description="0 to 100; replaces the evaluators' score"
            min={0}
            max={100}
            maw={200}
            data-autofocus
            {...form.getInputProps("score")}
          />
          <Textarea label="Reason" autosize minRows={2} maxRows={6} {...form.getInputProps("reason")} />
        </Group>
        {stale ? (
          <StaleVersionAlert what="answer" onReload={() => void cache.reload(interviewId)} />
        ) : (
          !shown && <FormError error={save.error} title="Override not saved" />
        )}
        <Group justify="space-between">
          {answer.override ? (
            <Button
              variant="subtle"
              color="red"
              loading={save.isPending && save.variables?.score === null}
              onClick={() => save.mutate({ answerId: answer.id, version: answer.version, score: null, reason: null })}
            >
              Clear override
            </Button>
          ) : (
            <span />
          )}
          <FormActions onCancel={onDone} loading={save.isPending && save.variables?.score !== null}>
            Save override
          </FormActions>
        </Group>
      </Stack>
    </form>
  );
}
