import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { Group, ScrollArea, Skeleton } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { errorMessage } from "../../lib/errors";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import { ErrorState } from "../../ui/ErrorState";
import { RejectDialog, type RejectTarget } from "../RejectDialog";
import type { BoardData, Card, JobDetail } from "../types";
import { CardPreview } from "./BoardCard";
import { BoardColumn } from "./BoardColumn";
import { columnCoordinates } from "./keyboard";
import { useMoveApplication } from "./useMoveApplication";

/** Cards beyond a column's first ones, read with applications.list (sort "entered", as the board orders them). */
interface Extra {
  cards: Card[];
  cursor: string | null;
}

const MORE_PAGE = 100;

/** The pointer's column when there is a pointer; the card's overlap otherwise (keyboard dragging). */
const collisionDetection: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};

const SCREEN_READER_INSTRUCTIONS = {
  draggable:
    "To move this candidate to another stage, press space or enter, then the left or right arrow keys to choose the " +
    "stage, and space or enter again to drop. Escape cancels.",
};

/** The job's kanban: one column per stage, cards dragged between them (mouse, touch or keyboard). */
export function Board({ job, canWrite }: { job: JobDetail; canWrite: boolean }) {
  const trpc = useTRPC();
  const board = useQuery(trpc.jobs.board.queryOptions({ jobId: job.id }));
  if (board.isError && !board.data)
    return (
      <ErrorState
        error={board.error}
        title="Could not load the board"
        onRetry={() => void board.refetch()}
        retrying={board.isFetching}
      />
    );
  if (!board.data)
    return (
      <Group gap="sm" align="flex-start" wrap="nowrap" aria-busy>
        {job.stages.map((stage) => (
          <Skeleton key={stage.id} w={250} h={220} />
        ))}
      </Group>
    );
  return <BoardView data={board.data} canWrite={canWrite} fetching={board.isFetching} />;
}

function BoardView({ data, canWrite, fetching }: { data: BoardData; canWrite: boolean; fetching: boolean }) {
  const { job } = data;
  const client = useTRPCClient();
  const [extra, setExtra] = useState<ReadonlyMap<string, Extra>>(new Map());
  const [loadingMore, setLoadingMore] = useState<string | null>(null);
  const [dragged, setDragged] = useState<Card | null>(null);
  const [rejecting, setRejecting] = useState<RejectTarget[] | null>(null);
  const lastOver = useRef<unknown>(null);

  // Every card shown, by the column the server put it in: the board's first ones, then those loaded with "Load more".
  const byColumn = new Map(
    data.columns.map((column) => {
      const seen = new Set(column.cards.map((card) => card.applicationId));
      const more = (extra.get(column.stageId)?.cards ?? []).filter((card) => !seen.has(card.applicationId));
      return [column.stageId, [...column.cards, ...more]] as const;
    }),
  );
  const cardsById = new Map([...byColumn.values()].flat().map((card) => [card.applicationId, card]));
  const stageName = (id: unknown) => job.stages.find((stage) => stage.id === id)?.name ?? "another stage";

  const { move, pending } = useMoveApplication(job.id, (id) => cardsById.get(id)?.name, {
    onMoved: (applicationId) =>
      setExtra(
        (current) =>
          new Map(
            [...current].map(([stageId, more]) => [
              stageId,
              { ...more, cards: more.cards.filter((card) => card.applicationId !== applicationId) },
            ]),
          ),
      ),
  });

  // Moves on their way are drawn done: the card in its new column (last: it entered it last), counts adjusted.
  const columns = data.columns.map((column) => ({ ...column, cards: [] as Card[], moved: [] as Card[] }));
  const columnOf = new Map(columns.map((column) => [column.stageId, column]));
  const totals = new Map(job.stages.map((stage) => [stage.id, stage.count]));
  for (const [stageId, cards] of byColumn) {
    for (const card of cards) {
      const target = pending.get(card.applicationId);
      if (target && target !== stageId && columnOf.has(target)) {
        columnOf.get(target)!.moved.push(card);
        totals.set(stageId, (totals.get(stageId) ?? 0) - 1);
        totals.set(target, (totals.get(target) ?? 0) + 1);
      } else columnOf.get(stageId)?.cards.push(card);
    }
  }
  const effectiveStage = new Map(
    columns.flatMap((column) => [...column.cards, ...column.moved].map((card) => [card.applicationId, column.stageId])),
  );

  const loadMore = async (stageId: string) => {
    setLoadingMore(stageId);
    try {
      const page = await client.applications.list.query({
        jobId: job.id,
        stageId,
        sort: "entered",
        direction: "asc",
        limit: MORE_PAGE,
        cursor: extra.get(stageId)?.cursor ?? undefined,
      });
      setExtra((current) => {
        const before = current.get(stageId)?.cards ?? [];
        return new Map(current).set(stageId, { cards: [...before, ...page.items], cursor: page.nextCursor });
      });
    } catch (error) {
      notifications.show({ color: "red", title: "Could not load more cards", message: errorMessage(error) });
    } finally {
      setLoadingMore(null);
    }
  };

  const moveCard = (card: Card, stageId: string) => {
    if (effectiveStage.get(card.applicationId) === stageId) return;
    move({ id: card.applicationId, version: card.version, stageId });
  };

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates }),
  );
  const nameOf = (id: unknown) => cardsById.get(String(id))?.name ?? "The candidate";
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up ${nameOf(active.id)} in ${stageName(effectiveStage.get(String(active.id)))}.`,
    onDragOver: ({ active, over }) => {
      // Said once per column entered: not "is over Applied" right after "Picked up … in Applied".
      if ((over?.id ?? null) === lastOver.current) return undefined;
      lastOver.current = over?.id ?? null;
      return over ? `${nameOf(active.id)} is over ${stageName(over.id)}.` : `${nameOf(active.id)} is over no stage.`;
    },
    onDragEnd: ({ active, over }) =>
      over && over.id !== effectiveStage.get(String(active.id))
        ? `${nameOf(active.id)} was moved to ${stageName(over.id)}.`
        : `${nameOf(active.id)} stays in ${stageName(effectiveStage.get(String(active.id)))}.`,
    onDragCancel: ({ active }) =>
      `Moving ${nameOf(active.id)} was cancelled; they stay in ${stageName(effectiveStage.get(String(active.id)))}.`,
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    lastOver.current = effectiveStage.get(String(active.id)) ?? null;
    setDragged(cardsById.get(String(active.id)) ?? null);
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragged(null);
    const card = cardsById.get(String(active.id));
    if (card && over) moveCard(card, String(over.id));
  };

  const actions = {
    stages: job.stages,
    jobStatus: job.status,
    canWrite,
    onMove: moveCard,
    onReject: (card: Card) =>
      setRejecting([{ applicationId: card.applicationId, version: card.version, name: card.name }]),
  };
  const movingIds = new Set(pending.keys());

  return (
    <>
      <DndContext
        sensors={sensors}
        collisionDetection={collisionDetection}
        accessibility={{ announcements, screenReaderInstructions: SCREEN_READER_INSTRUCTIONS }}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragged(null)}
      >
        <ScrollArea
          type="auto"
          offsetScrollbars
          data-testid="board"
          // Busy while a move is on its way or the board is being read again.
          aria-busy={fetching || pending.size > 0 || undefined}
        >
          <Group gap="sm" align="flex-start" wrap="nowrap" pb="sm">
            {columns.map((column) => {
              const stage = job.stages.find((s) => s.id === column.stageId);
              if (!stage) return null;
              const more = extra.get(column.stageId);
              return (
                <BoardColumn
                  key={column.stageId}
                  stage={stage}
                  total={totals.get(column.stageId) ?? 0}
                  cards={[...column.cards, ...column.moved]}
                  movingIds={movingIds}
                  more={more ? more.cursor !== null : column.more}
                  loadingMore={loadingMore === column.stageId}
                  onLoadMore={() => void loadMore(column.stageId)}
                  {...actions}
                />
              );
            })}
          </Group>
        </ScrollArea>
        <DragOverlay dropAnimation={null}>{dragged && <CardPreview card={dragged} />}</DragOverlay>
      </DndContext>
      <RejectDialog jobId={job.id} targets={rejecting} onClose={() => setRejecting(null)} />
    </>
  );
}
