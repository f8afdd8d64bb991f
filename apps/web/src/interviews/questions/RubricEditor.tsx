import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  NumberInput,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { emptyCriterion, type QuestionFormValues } from "./question-form";

const MAX_CRITERIA = 10;

interface Props {
  form: UseFormReturnType<QuestionFormValues>;
  disabled: boolean;
}

/**
 * The rubric's criteria as rows: name, weight, what a strong answer shows, and the keywords that evidence it. Rows
 * are added, removed and moved with buttons; after a move or a removal the focus stays on the row it acted on.
 */
export function RubricEditor({ form, disabled }: Props) {
  const rows = form.getValues().rubric;
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [focus, setFocus] = useState<string | null>(null);

  useEffect(() => {
    if (!focus) return;
    buttons.current.get(focus)?.focus();
    setFocus(null);
  }, [focus]);

  const move = (index: number, to: number, direction: "up" | "down") => {
    const row = rows[index]!;
    form.reorderListItem("rubric", { from: index, to });
    // At the top or bottom, the button just used is disabled: keep the focus on the row's other one.
    const edge = (direction === "up" && to === 0) || (direction === "down" && to === rows.length - 1);
    setFocus(`${row.id}:${edge ? (direction === "up" ? "down" : "up") : direction}`);
  };
  const remove = (index: number) => {
    const neighbour = rows[index + 1] ?? rows[index - 1];
    form.removeListItem("rubric", index);
    setFocus(neighbour ? `${neighbour.id}:remove` : "add");
  };
  const register = (key: string) => (element: HTMLButtonElement | null) => {
    if (element) buttons.current.set(key, element);
    else buttons.current.delete(key);
  };

  return (
    <Stack gap="sm">
      <div>
        <Title order={2} size="h4">
          Rubric
        </Title>
        <Text size="sm" c="dimmed">
          The built-in evaluator scores an answer by how much of each criterion it covers: the keywords, matched with
          their word forms, and the words of the strong answer.
        </Text>
      </div>
      {rows.map((row, index) => (
        <Fieldset key={row.id} legend={`Criterion ${index + 1}`} data-testid={`criterion-${index + 1}`}>
          <Stack gap="xs">
            <Group align="flex-start" gap="sm" wrap="nowrap">
              <TextInput
                label="Name"
                required
                disabled={disabled}
                style={{ flex: 1 }}
                {...form.getInputProps(`rubric.${index}.name`)}
              />
              <NumberInput
                label="Weight"
                description="1 to 5"
                min={1}
                max={5}
                w={100}
                allowDecimal={false}
                disabled={disabled}
                {...form.getInputProps(`rubric.${index}.weight`)}
              />
              {!disabled && (
                <Group gap={4} mt={24} wrap="nowrap">
                  <Tooltip label="Move up">
                    <ActionIcon
                      ref={register(`${row.id}:up`)}
                      variant="default"
                      size="lg"
                      aria-label={`Move criterion ${index + 1} up`}
                      disabled={index === 0}
                      onClick={() => move(index, index - 1, "up")}
                    >
                      <IconArrowUp size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Move down">
                    <ActionIcon
                      ref={register(`${row.id}:down`)}
                      variant="default"
                      size="lg"
                      aria-label={`Move criterion ${index + 1} down`}
                      disabled={index === rows.length - 1}
                      onClick={() => move(index, index + 1, "down")}
                    >
                      <IconArrowDown size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Remove">
                    <ActionIcon
                      ref={register(`${row.id}:remove`)}
                      variant="default"
                      color="red"
                      size="lg"
                      aria-label={`Remove criterion ${index + 1}`}
                      onClick={() => remove(index)}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              )}
            </Group>
            <Textarea
              label="Strong answer"
              description="What a strong answer shows, in a sentence or two"
              required
              autosize
              minRows={2}
              maxRows={6}
              disabled={disabled}
              {...form.getInputProps(`rubric.${index}.strongAnswer`)}
            />
            <TagsInput
              label="Keywords"
              description="Words and phrases a strong answer uses; Enter after each"
              maxTags={30}
              clearable
              disabled={disabled}
              {...form.getInputProps(`rubric.${index}.keywords`)}
            />
          </Stack>
        </Fieldset>
      ))}
      {form.errors.rubric && (
        <Text size="sm" c="red" role="alert">
          {form.errors.rubric}
        </Text>
      )}
      {!disabled && (
        <Group>
          <Button
            ref={register("add")}
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            disabled={rows.length >= MAX_CRITERIA}
            onClick={() => form.insertListItem("rubric", emptyCriterion())}
          >
            Add criterion
          </Button>
        </Group>
      )}
    </Stack>
  );
}
