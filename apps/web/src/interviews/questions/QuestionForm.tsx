import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { QuestionDTO } from "@shortlist/api";
import { QUESTION_TYPES } from "@shortlist/api/schemas";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { errorMessage, errorReason, type FieldError } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { StaleVersionAlert } from "../../ui/ErrorState";
import { FormActions } from "../../ui/FormActions";
import { QUESTION_TYPE_LABEL } from "../parts/labels";
import { applyQuestionErrors, questionFormValues, questionInputOf, rowId } from "./question-form";
import { RubricEditor } from "./RubricEditor";
import { SkillsPicker } from "./SkillsPicker";

const TYPE_OPTIONS = QUESTION_TYPES.map((value) => ({ value, label: QUESTION_TYPE_LABEL[value] }));
const MAX_FOLLOW_UPS = 10;

interface Props {
  /** Edit this question; write a new one when absent. */
  question?: QuestionDTO;
  canEdit: boolean;
}

/** A question's fields, its rubric and its follow-ups; the server judges every field and names the ones refused. */
export function QuestionForm({ question, canEdit }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm({ initialValues: questionFormValues(question) });
  const [unshown, setUnshown] = useState<FieldError[]>([]);
  const disabled = !canEdit;

  const onError = (error: unknown) => setUnshown(applyQuestionErrors(form, error));
  const saved = async (q: QuestionDTO, title: string) => {
    notifications.show({ color: "green", title, message: q.text.slice(0, 120) });
    // The page keys this form by version: the saved question loads into a fresh form.
    queryClient.setQueryData(trpc.questions.get.queryKey({ id: q.id }), q);
    await queryClient.invalidateQueries({ queryKey: trpc.questions.list.pathKey() });
  };
  const create = useMutation(
    trpc.questions.create.mutationOptions({
      async onSuccess(q) {
        await saved(q, "Question added");
        await navigate(`/questions/${q.id}`, { replace: true });
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.questions.update.mutationOptions({ onSuccess: (q) => saved(q, "Question saved"), onError }),
  );
  const mutation = question ? update : create;
  const reload = () =>
    question && void queryClient.invalidateQueries({ queryKey: trpc.questions.get.queryKey({ id: question.id }) });

  const submit = form.onSubmit((values) => {
    setUnshown([]);
    const input = questionInputOf(values);
    if (question) update.mutate({ id: question.id, version: question.version, changes: input });
    else create.mutate(input);
  });
  const followUps = form.getValues().followUps;

  return (
    <form onSubmit={submit} noValidate aria-label={question ? "Edit question" : "New question"}>
      <Stack>
        <Textarea
          label="Question"
          required
          autosize
          minRows={3}
          maxRows={10}
          autoFocus={!question}
          disabled={disabled}
          {...form.getInputProps("text")}
        />
        <Group grow align="flex-start">
          <Select
            label="Type"
            data={TYPE_OPTIONS}
            allowDeselect={false}
            disabled={disabled}
            {...form.getInputProps("type")}
          />
          <NumberInput
            label="Difficulty"
            description="1 (easy) to 5 (hard)"
            min={1}
            max={5}
            allowDecimal={false}
            disabled={disabled}
            {...form.getInputProps("difficulty")}
          />
          <NumberInput
            label="Time limit"
            description="Seconds to answer"
            min={30}
            max={3600}
            step={30}
            allowDecimal={false}
            disabled={disabled}
            {...form.getInputProps("timeLimitSeconds")}
          />
        </Group>
        <SkillsPicker
          label="Skills"
          description="From the shared skills list: type a name or an alias (postgres, k8s)"
          disabled={disabled}
          {...form.getInputProps("skills")}
        />
        <TagsInput
          label="Tags"
          description="Lower-case labels; Enter after each"
          maxTags={20}
          clearable
          disabled={disabled}
          {...form.getInputProps("tags")}
        />

        <RubricEditor form={form} disabled={disabled} />

        <Textarea
          label="Ideal answer"
          description="What an excellent answer says, for reviewers and the model judge"
          autosize
          minRows={3}
          maxRows={12}
          disabled={disabled}
          {...form.getInputProps("idealAnswer")}
        />

        <Stack gap="xs">
          <Title order={2} size="h4">
            Follow-ups
          </Title>
          {followUps.length === 0 && (
            <Text size="sm" c="dimmed">
              None: the interviewer moves on after the answer.
            </Text>
          )}
          {followUps.map((followUp, index) => (
            <Group key={followUp.id} align="flex-start" gap="sm" wrap="nowrap">
              <Textarea
                label={`Follow-up ${index + 1}`}
                autosize
                minRows={1}
                maxRows={4}
                style={{ flex: 1 }}
                disabled={disabled}
                {...form.getInputProps(`followUps.${index}.text`)}
              />
              {!disabled && (
                <ActionIcon
                  mt={24}
                  size="lg"
                  variant="default"
                  color="red"
                  aria-label={`Remove follow-up ${index + 1}`}
                  onClick={() => form.removeListItem("followUps", index)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              )}
            </Group>
          ))}
          {!disabled && (
            <Group>
              <Button
                variant="default"
                leftSection={<IconPlus size={16} aria-hidden />}
                disabled={followUps.length >= MAX_FOLLOW_UPS}
                onClick={() => form.insertListItem("followUps", { id: rowId(), text: "" })}
              >
                Add follow-up
              </Button>
            </Group>
          )}
        </Stack>

        <Switch
          label="Active"
          description="Retired questions stay in past interviews but are not planned again"
          disabled={disabled}
          {...form.getInputProps("active", { type: "checkbox" })}
        />

        {mutation.isError && <SaveError error={mutation.error} unshown={unshown} onReload={question && reload} />}
        {canEdit && (
          <FormActions onCancel={() => void navigate("/questions")} loading={mutation.isPending}>
            {question ? "Save question" : "Add question"}
          </FormActions>
        )}
      </Stack>
    </form>
  );
}

function SaveError({ error, unshown, onReload }: { error: unknown; unshown: FieldError[]; onReload?: () => void }) {
  if (errorReason(error) === "stale_version") return <StaleVersionAlert what="question" onReload={onReload} />;
  return (
    <Alert color="red" variant="light" title="Not saved" role="alert">
      {unshown.length > 0
        ? unshown.map((e) => `${e.path}: ${e.message}`).join("; ")
        : errorReason(error) === "invalid_input"
          ? "Fix the fields marked in red and save again."
          : errorMessage(error)}
    </Alert>
  );
}
