import { ActionIcon, Button, Group, Input, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import type { ProfileFormValues } from "./profile-form-values";

interface Props {
  form: UseFormReturnType<ProfileFormValues>;
  field: "mustHave" | "niceToHave";
  /** "Must-have skills". */
  label: string;
  /** "must-have skill", for each row's inputs. */
  one: string;
}

/** A list of skills, each with a weight from 1 (useful) to 5 (essential). */
export function SkillsField({ form, field, label, one }: Props) {
  const rows = form.getValues()[field];
  const error = form.errors[field];
  return (
    <Input.Wrapper label={label} description="Weight 1 (useful) to 5 (essential)" error={error}>
      <Stack gap={6} mt={4}>
        {rows.map((_, index) => (
          <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              aria-label={`${one} ${index + 1}`}
              placeholder="Skill"
              style={{ flex: 1 }}
              {...form.getInputProps(`${field}.${index}.skill`)}
            />
            <NumberInput
              aria-label={`Weight of ${one} ${index + 1}`}
              min={1}
              max={5}
              step={1}
              allowDecimal={false}
              clampBehavior="strict"
              w={80}
              {...form.getInputProps(`${field}.${index}.weight`)}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={`Remove ${one} ${index + 1}`}
              onClick={() => form.removeListItem(field, index)}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            None yet.
          </Text>
        )}
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => form.insertListItem(field, { skill: "", weight: 3 })}
          >
            Add {one}
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
