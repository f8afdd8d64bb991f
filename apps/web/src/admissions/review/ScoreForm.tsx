import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { AnonymizedApplicationDto, ScoringCriterion } from "@shortlist/api";
import { SCORE_RANGE } from "@shortlist/api/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { errorMessage, fieldErrors, type FieldError } from "../../lib/errors";
import { useFocusFirstError } from "../../lib/form-errors";
import { useSession } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

interface Values {
  scores: Record<string, number | string>;
  notes: string;
}

const numberOf = (value: number | string) => (typeof value === "number" ? value : Number.NaN);

/**
 * The signed-in member's own scores of this application (one more evaluator); saving again replaces them. A score
 * goes as typed (the inputs never clamp): one out of range is refused on its field by the server.
 */
export function ScoreForm({
  application,
  criteria,
}: {
  application: AnonymizedApplicationDto;
  criteria: ScoringCriterion[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const user = useSession();
  const mine = application.evaluations.find((e) => e.evaluatorId === `reviewer:${user.id}`);
  const form = useForm<Values>({
    initialValues: {
      scores: Object.fromEntries(criteria.map((c) => [c.key, mine?.scores[c.key] ?? ""])),
      notes: mine?.rationale ?? "",
    },
  });
  const [unshown, setUnshown] = useState<FieldError[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstError = useFocusFirstError(formRef);

  const save = useMutation(
    trpc.admissions.review.score.mutationOptions({
      async onSuccess(saved) {
        notifications.show({ color: "green", title: "Scores saved", message: `Application #${saved.number}.` });
        queryClient.setQueryData(trpc.admissions.review.get.queryKey({ applicationId: saved.applicationId }), saved);
        await queryClient.invalidateQueries({ queryKey: trpc.admissions.review.queue.pathKey() });
      },
      onError(error) {
        const rest: FieldError[] = [];
        for (const e of fieldErrors(error)) {
          const [field, key] = e.path.split(".");
          if (field === "scores" && key && key in form.getValues().scores)
            form.setFieldError(`scores.${key}`, e.message);
          else if (field === "notes") form.setFieldError("notes", e.message);
          else rest.push(e);
        }
        setUnshown(rest);
        focusFirstError();
      },
    }),
  );

  const submit = form.onSubmit((values) => {
    setUnshown([]);
    save.mutate({
      applicationId: application.applicationId,
      scores: Object.fromEntries(Object.entries(values.scores).map(([key, value]) => [key, numberOf(value)])),
      notes: values.notes,
    });
  });

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="My scores">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Score every criterion from {SCORE_RANGE.min} to {SCORE_RANGE.max}. Your scores count as one more evaluator in
          the final score.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {criteria.map((c) => (
            <NumberInput
              key={c.key}
              label={c.label}
              description={c.description || undefined}
              required
              min={SCORE_RANGE.min}
              max={SCORE_RANGE.max}
              step={0.5}
              decimalScale={1}
              clampBehavior="none"
              {...form.getInputProps(`scores.${c.key}`)}
            />
          ))}
        </SimpleGrid>
        <Textarea label="Notes" autosize minRows={2} maxRows={8} {...form.getInputProps("notes")} />
        {save.isError && (
          <Alert color="red" variant="light" title="Not saved" role="alert">
            {unshown.length
              ? unshown.map((e) => `${e.path}: ${e.message}`).join("; ")
              : fieldErrors(save.error).length
                ? "Fix the fields marked in red and save again."
                : errorMessage(save.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {mine ? "Update my scores" : "Save my scores"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
