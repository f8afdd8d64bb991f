import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { MAX_FORM_QUESTIONS, QUESTION_MAX_LENGTH, type FormQuestionKind } from "@shortlist/api/schemas";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { count } from "../../lib/format";
import { emptyQuestion, type CycleFormValues } from "./cycle-form";

const KIND_OPTIONS: { value: FormQuestionKind; label: string }[] = [
  { value: "short", label: "Short answer (one line)" },
  { value: "long", label: "Long answer (paragraphs)" },
];

/** The public form's questions, one fieldset each: key, wording, kind and limit, required, identifying. */
export function QuestionsEditor({ form }: { form: UseFormReturnType<CycleFormValues> }) {
  const rows = form.getValues().questions;
  return (
    <Stack gap="sm">
      <div>
        <Title order={2} size="h4">
          Questions
        </Title>
        <Text size="sm" c="dimmed">
          Applicants also give their name, email and phone; those are sealed at once. Mark a question identifying when
          its answer names the person (it is sealed with the identity and never shown to reviewers).
        </Text>
      </div>
      {rows.map((row, index) => (
        <Fieldset key={row.id} legend={`Question ${index + 1}`}>
          <Stack gap="xs">
            <Group align="flex-start" gap="sm" wrap="nowrap">
              <TextInput
                label="Question key"
                description="Lower-case, e.g. motivation"
                required
                w={200}
                {...form.getInputProps(`questions.${index}.key`)}
              />
              <TextInput
                label="Question"
                required
                style={{ flex: 1 }}
                {...form.getInputProps(`questions.${index}.label`)}
              />
              <ActionIcon
                mt={44}
                size="lg"
                variant="default"
                color="red"
                aria-label={`Remove question ${index + 1}`}
                disabled={rows.length === 1}
                onClick={() => form.removeListItem("questions", index)}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
            <Group align="flex-end" gap="sm">
              <NativeSelect
                label="Kind"
                data={KIND_OPTIONS}
                w={240}
                {...form.getInputProps(`questions.${index}.kind`)}
              />
              <NumberInput
                label="Max length"
                description={`Characters; at most ${count(QUESTION_MAX_LENGTH[row.kind])}`}
                placeholder={String(QUESTION_MAX_LENGTH[row.kind])}
                min={1}
                max={QUESTION_MAX_LENGTH[row.kind]}
                clampBehavior="none"
                w={200}
                {...form.getInputProps(`questions.${index}.maxLength`)}
              />
              <Checkbox
                label="Required"
                mb={8}
                {...form.getInputProps(`questions.${index}.required`, { type: "checkbox" })}
              />
              <Checkbox
                label="Identifying"
                mb={8}
                {...form.getInputProps(`questions.${index}.identifying`, { type: "checkbox" })}
              />
            </Group>
          </Stack>
        </Fieldset>
      ))}
      {form.errors.questions && (
        <Text size="sm" c="red" role="alert">
          {form.errors.questions}
        </Text>
      )}
      <Group>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          disabled={rows.length >= MAX_FORM_QUESTIONS}
          onClick={() => form.insertListItem("questions", emptyQuestion())}
        >
          Add question
        </Button>
      </Group>
    </Stack>
  );
}
