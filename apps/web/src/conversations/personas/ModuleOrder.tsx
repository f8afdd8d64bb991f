import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from "@dnd-kit/core";
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { ActionIcon, Badge, Group, MultiSelect, Paper, Stack, Text } from "@mantine/core";
import { IconGripVertical, IconX } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { CONTEXT_SHORT } from "../labels";
import type { ChatModule } from "../types";

interface Props {
  value: string[];
  onChange: (ids: string[]) => void;
  modules: ChatModule[] | undefined;
  disabled?: boolean;
  error?: ReactNode;
}

const INSTRUCTIONS = {
  draggable:
    "To move this module, press space or enter, then the up or down arrow keys, and space or enter again to drop. " +
    "Escape cancels.",
};

/** The persona's modules: chosen in a list, put in order by dragging (mouse or keyboard); the order is kept. */
export function ModuleOrder({ value, onChange, modules, disabled, error }: Props) {
  const byId = new Map((modules ?? []).map((m) => [m.id, m]));
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const nameOf = (id: unknown) => byId.get(String(id))?.name ?? "module";
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onChange(arrayMove(value, value.indexOf(String(active.id)), value.indexOf(String(over.id))));
  };

  return (
    <Stack gap="xs">
      <MultiSelect
        label="Modules"
        description="Run in this order within each stage (after their priority); drag to reorder"
        placeholder={modules ? "Pick modules" : "Loading modules…"}
        data={(modules ?? []).map((m) => ({ value: m.id, label: m.name }))}
        value={value}
        onChange={onChange}
        searchable
        clearable
        disabled={disabled}
        error={error}
        nothingFoundMessage="No module has this name"
      />
      {value.length > 0 && (
        <DndContext
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={onDragEnd}
          accessibility={{
            screenReaderInstructions: INSTRUCTIONS,
            announcements: {
              onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}.`,
              onDragOver: ({ active, over }) =>
                over ? `${nameOf(active.id)} is at position ${value.indexOf(String(over.id)) + 1}.` : undefined,
              onDragEnd: ({ active, over }) =>
                over ? `${nameOf(active.id)} dropped at position ${value.indexOf(String(over.id)) + 1}.` : "Dropped.",
              onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} cancelled.`,
            },
          }}
        >
          <SortableContext items={value} strategy={verticalListSortingStrategy} disabled={disabled}>
            <Stack gap={4} component="ol" p={0} m={0} aria-label="Module order" data-testid="module-order">
              {value.map((id, index) => (
                <SortableModule
                  key={id}
                  id={id}
                  position={index + 1}
                  module={byId.get(id)}
                  disabled={disabled}
                  onRemove={() => onChange(value.filter((other) => other !== id))}
                />
              ))}
            </Stack>
          </SortableContext>
        </DndContext>
      )}
    </Stack>
  );
}

function SortableModule({
  id,
  position,
  module,
  disabled,
  onRemove,
}: {
  id: string;
  position: number;
  module: ChatModule | undefined;
  disabled?: boolean;
  onRemove: () => void;
}) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id, disabled });
  const name = module?.name ?? "A module";
  return (
    <Paper
      component="li"
      ref={setNodeRef}
      withBorder
      px="xs"
      py={4}
      style={{
        listStyle: "none",
        transform: CSS.Transform.toString(transform),
        transition,
        opacity: isDragging ? 0.7 : 1,
        zIndex: isDragging ? 1 : undefined,
        position: "relative",
      }}
    >
      <Group gap="xs" wrap="nowrap">
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Move ${name} (position ${position})`}
          style={{ cursor: disabled ? "default" : "grab", touchAction: "none" }}
          {...attributes}
          {...listeners}
        >
          <IconGripVertical size={16} aria-hidden />
        </ActionIcon>
        <Text size="sm" c="dimmed" w={20}>
          {position}.
        </Text>
        <Text size="sm" style={{ flex: 1 }}>
          {name}
        </Text>
        {module && (
          <Badge variant="light" color="gray" size="sm">
            {CONTEXT_SHORT[module.executionContext]}
          </Badge>
        )}
        {module && !module.active && (
          <Badge variant="light" color="orange" size="sm">
            Inactive
          </Badge>
        )}
        {!disabled && (
          <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${name}`} onClick={onRemove}>
            <IconX size={14} aria-hidden />
          </ActionIcon>
        )}
      </Group>
    </Paper>
  );
}
