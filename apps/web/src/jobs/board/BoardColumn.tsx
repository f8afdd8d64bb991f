import { useDroppable } from "@dnd-kit/core";
import { Badge, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { count } from "../../lib/format";
import type { Card, Stage } from "../types";
import { BoardCard, type CardActions } from "./BoardCard";

interface Props extends CardActions {
  stage: Stage;
  /** The stage's count from the job's counters, with moves on their way applied. */
  total: number;
  cards: readonly Card[];
  movingIds: ReadonlySet<string>;
  more: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

/** One stage: its name and count, and its cards (longest in the stage first); a drop target while dragging. */
export function BoardColumn({ stage, total, cards, movingIds, more, loadingMore, onLoadMore, ...actions }: Props) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.id, data: { stage } });
  const headingId = `column-${stage.id}`;
  return (
    <Paper
      ref={setNodeRef}
      component="section"
      aria-labelledby={headingId}
      data-testid="board-column"
      data-stage={stage.name}
      withBorder
      radius="md"
      p="xs"
      bg={isOver ? "indigo.0" : "gray.1"}
      w={250}
      miw={250}
      style={{ alignSelf: "stretch", outline: isOver ? "2px solid var(--mantine-color-indigo-4)" : undefined }}
    >
      <Group justify="space-between" mb="xs" px={4} wrap="nowrap">
        <Text id={headingId} fw={600} size="sm" truncate>
          {stage.name}
        </Text>
        <Badge variant="white" color="dark" data-testid="column-count" aria-label={`${count(total)} in ${stage.name}`}>
          {count(total)}
        </Badge>
      </Group>
      <Stack gap="xs" mih={80}>
        {cards.map((card) => (
          <BoardCard
            key={card.applicationId}
            card={card}
            stageId={stage.id}
            moving={movingIds.has(card.applicationId)}
            {...actions}
          />
        ))}
        {cards.length === 0 && (
          <Text size="xs" c="dimmed" ta="center" py="md">
            Nobody here
          </Text>
        )}
        {more && (
          <Button variant="subtle" size="xs" onClick={onLoadMore} loading={loadingMore}>
            Load more
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
