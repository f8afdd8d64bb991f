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
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { InterviewDTO } from "@shortlist/api";
import { IconPlus } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useMemo, useState, type ReactNode } from "react";
import { errorMessage, errorReason, fieldErrors } from "../../lib/errors";
import { plural } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { StaleVersionAlert } from "../../ui/ErrorState";
import { Section } from "../../ui/Section";
import { useInterviewCache } from "./cache";
import { planItems, sameOrder, shortText, type PlanItem } from "./plan";
import { PlanRow } from "./PlanRow";
import { QuestionPicker } from "./QuestionPicker";

const MAX_QUESTIONS = 30;
const INSTRUCTIONS = {
  draggable:
    "To move this question, press space or enter, then the up or down arrow keys, and space or enter again to drop. " +
    "Escape cancels.",
};

type Picking = { mode: "add" } | { mode: "swap"; index: number };

/**
 * The plan of a PREPARING interview: reorder (mouse or keyboard), swap or add from a search of the bank, remove;
 * saved whole with the version read. `children` (the Send link form) learns whether unsaved changes are pending.
 */
export function PlanEditor({
  interview,
  children,
}: {
  interview: InterviewDTO;
  children: (dirty: boolean) => ReactNode;
}) {
  const trpc = useTRPC();
  const cache = useInterviewCache();
  const saved = useMemo(() => planItems(interview), [interview]);
  const [items, setItems] = useState(saved);
  const [picking, setPicking] = useState<Picking | null>(null);
  const dirty = !sameOrder(items, saved);
  const lost = interview.plan.length - saved.length;

  const save = useMutation(
    trpc.interviews.updatePlan.mutationOptions({
      onSuccess(updated) {
        cache.interview(updated);
        notifications.show({ color: "green", title: "Plan saved", message: plural(updated.plan.length, "question") });
      },
    }),
  );
  const problem =
    items.length === 0 ? "Keep at least one question" : items.length > MAX_QUESTIONS ? "At most 30 questions" : null;

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const ids = items.map((item) => item.id);
  const nameOf = (id: unknown) => {
    const item = items.find((i) => i.id === String(id));
    return item ? `Question “${shortText(item.text, 40)}”` : "The question";
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    setItems((all) => arrayMove(all, ids.indexOf(String(active.id)), ids.indexOf(String(over.id))));
  };

  const pick = (item: PlanItem) => {
    if (!picking) return;
    if (picking.mode === "add") setItems((all) => [...all, item]);
    else setItems((all) => all.map((old, i) => (i === picking.index ? item : old)));
    setPicking(null);
  };
  const swapping = picking?.mode === "swap" ? items[picking.index] : undefined;

  return (
    <>
      <Section
        title="Plan"
        data-testid="plan-editor"
        actions={
          <Button
            variant="default"
            size="sm"
            leftSection={<IconPlus size={16} aria-hidden />}
            disabled={items.length >= MAX_QUESTIONS}
            onClick={() => setPicking({ mode: "add" })}
          >
            Add question
          </Button>
        }
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Asked in this order. Drag a question by its handle (or focus the handle, press space and use the arrow keys)
            to move it; swap one for another from the bank. Save before you send the link.
          </Text>
          {lost > 0 && (
            <Alert color="orange" variant="light">
              {plural(lost, "planned question")} no longer in the bank: saving the plan leaves{" "}
              {lost === 1 ? "it" : "them"} out.
            </Alert>
          )}
          <DndContext
            sensors={sensors}
            collisionDetection={closestCenter}
            onDragEnd={onDragEnd}
            accessibility={{
              screenReaderInstructions: INSTRUCTIONS,
              announcements: {
                onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}.`,
                onDragOver: ({ active, over }) =>
                  over ? `${nameOf(active.id)} is at position ${ids.indexOf(String(over.id)) + 1}.` : undefined,
                onDragEnd: ({ active, over }) =>
                  over ? `${nameOf(active.id)} dropped at position ${ids.indexOf(String(over.id)) + 1}.` : "Dropped.",
                onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} cancelled.`,
              },
            }}
          >
            <SortableContext items={ids} strategy={verticalListSortingStrategy}>
              <Stack gap="xs" component="ol" p={0} m={0} aria-label="Interview plan" data-testid="plan">
                {items.map((item, index) => (
                  <PlanRow
                    key={item.id}
                    item={item}
                    position={index + 1}
                    onSwap={() => setPicking({ mode: "swap", index })}
                    onRemove={() => setItems((all) => all.filter((other) => other.id !== item.id))}
                  />
                ))}
              </Stack>
            </SortableContext>
          </DndContext>
          {problem && (
            <Text size="sm" c="red" role="alert">
              {problem}
            </Text>
          )}
          <SaveError error={save.error} onReload={() => void cache.reload(interview.id)} />
          <Group justify="space-between">
            <Text size="sm" c="dimmed" aria-live="polite">
              {dirty ? "Unsaved changes" : "Saved"} · {plural(items.length, "question")}
            </Text>
            <Group gap="xs">
              <Button variant="default" disabled={!dirty} onClick={() => setItems(saved)}>
                Undo changes
              </Button>
              <Button
                disabled={!dirty || problem !== null}
                loading={save.isPending}
                onClick={() => save.mutate({ id: interview.id, version: interview.version, questionIds: ids })}
              >
                Save plan
              </Button>
            </Group>
          </Group>
        </Stack>
      </Section>
      {children(dirty)}
      <QuestionPicker
        opened={picking !== null}
        title={swapping ? `Swap “${shortText(swapping.text, 50)}”` : "Add a question"}
        action={swapping ? "Swap in" : "Add"}
        initialSkills={swapping?.skills.slice(0, 1) ?? []}
        planned={ids}
        onPick={(question) => pick(question)}
        onClose={() => setPicking(null)}
      />
    </>
  );
}

function SaveError({ error, onReload }: { error: unknown; onReload: () => void }) {
  if (!error) return null;
  if (errorReason(error) === "stale_version") return <StaleVersionAlert what="interview" onReload={onReload} />;
  const fields = fieldErrors(error);
  return (
    <Alert color="red" variant="light" title="Plan not saved" role="alert">
      {fields.length ? fields.map((f) => f.message).join("; ") : errorMessage(error)}
    </Alert>
  );
}
