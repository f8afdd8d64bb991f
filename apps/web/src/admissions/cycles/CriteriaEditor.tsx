import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  NumberInput,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { MAX_CRITERIA, SCORE_RANGE } from "@shortlist/api/schemas";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { emptyCriterion, type CycleFormValues } from "./cycle-form";

/** The criteria every evaluator scores (0–10 each), with their weights in the final score. */
export function CriteriaEditor({ form }: { form: UseFormReturnType<CycleFormValues> }) {
  const rows = form.getValues().criteria;
  return (
    <Stack gap="sm">
      <div>
        <Title order={2} size="h4">
          Scoring criteria
        </Title>
        <Text size="sm" c="dimmed">
          Evaluators and reviewers score each criterion from {SCORE_RANGE.min} to {SCORE_RANGE.max}; the final score
          weighs the criteria by their weights.
        </Text>
      </div>
      {rows.map((row, index) => (
        <Fieldset key={row.id} legend={`Criterion ${index + 1}`}>
          <Stack gap="xs">
            <Group align="flex-start" gap="sm" wrap="nowrap">
              <TextInput
                label="Criterion key"
                description="Lower-case, e.g. clarity"
                required
                w={200}
                {...form.getInputProps(`criteria.${index}.key`)}
              />
              <TextInput
                label="Criterion"
                required
                style={{ flex: 1 }}
                {...form.getInputProps(`criteria.${index}.label`)}
              />
              <NumberInput
                label="Weight"
                description="More than 0"
                min={0}
                max={100}
                step={0.5}
                clampBehavior="none"
                w={120}
                {...form.getInputProps(`criteria.${index}.weight`)}
              />
              <ActionIcon
                mt={44}
                size="lg"
                variant="default"
                color="red"
                aria-label={`Remove criterion ${index + 1}`}
                disabled={rows.length === 1}
                onClick={() => form.removeListItem("criteria", index)}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
            <Textarea
              label="Guidance for evaluators"
              description="Optional: what a high score shows"
              autosize
              minRows={1}
              maxRows={4}
              {...form.getInputProps(`criteria.${index}.description`)}
            />
          </Stack>
        </Fieldset>
      ))}
      {form.errors.criteria && (
        <Text size="sm" c="red" role="alert">
          {form.errors.criteria}
        </Text>
      )}
      <Group>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          disabled={rows.length >= MAX_CRITERIA}
          onClick={() => form.insertListItem("criteria", emptyCriterion())}
        >
          Add criterion
        </Button>
      </Group>
    </Stack>
  );
}
