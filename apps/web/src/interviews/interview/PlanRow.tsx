import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { ActionIcon, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { IconArrowsExchange, IconGripVertical, IconX } from "@tabler/icons-react";
import type { PlanItem } from "./plan";
import { QuestionFacts } from "./QuestionFacts";

/** One question of the plan editor: its handle, what it asks and why, Swap and Remove. */
export function PlanRow({
  item,
  position,
  onSwap,
  onRemove,
}: {
  item: PlanItem;
  position: number;
  onSwap: () => void;
  onRemove: () => void;
}) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: item.id });
  return (
    <Paper
      component="li"
      ref={setNodeRef}
      withBorder
      p="xs"
      data-testid="plan-question"
      data-question-id={item.id}
      style={{
        listStyle: "none",
        transform: CSS.Transform.toString(transform),
        transition,
        opacity: isDragging ? 0.7 : 1,
        zIndex: isDragging ? 1 : undefined,
        position: "relative",
      }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Move question ${position}`}
          style={{ cursor: "grab", touchAction: "none" }}
          {...attributes}
          {...listeners}
        >
          <IconGripVertical size={16} aria-hidden />
        </ActionIcon>
        <Text size="sm" c="dimmed" w={24} pt={4}>
          {position}.
        </Text>
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="plan-question-text">
            {item.text}
          </Text>
          <QuestionFacts question={item} />
          {item.reason && (
            <Text size="xs" c="dimmed" fs="italic">
              {item.reason}
            </Text>
          )}
        </Stack>
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconArrowsExchange size={14} aria-hidden />}
            aria-label={`Swap question ${position}`}
            onClick={onSwap}
          >
            Swap
          </Button>
          <ActionIcon variant="subtle" color="gray" aria-label={`Remove question ${position}`} onClick={onRemove}>
            <IconX size={14} aria-hidden />
          </ActionIcon>
        </Group>
      </Group>
    </Paper>
  );
}
