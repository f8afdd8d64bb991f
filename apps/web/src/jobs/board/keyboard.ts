import { KeyboardCode, type KeyboardCoordinateGetter } from "@dnd-kit/core";

const STEP: Partial<Record<string, 1 | -1>> = { [KeyboardCode.Right]: 1, [KeyboardCode.Left]: -1 };

/**
 * Keyboard dragging on the board: the right and left arrows take the card to the middle of the next or previous
 * column (whatever their width or the page's scroll); up and down do nothing, as a column's order is not chosen.
 */
export const columnCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const { collisionRect, droppableRects, droppableContainers, over } = context;
  if (event.code === KeyboardCode.Up || event.code === KeyboardCode.Down) event.preventDefault();
  const step = STEP[event.code];
  if (!step || !collisionRect) return undefined;
  event.preventDefault();
  const columns = droppableContainers
    .getEnabled()
    .flatMap((container) => {
      const rect = droppableRects.get(container.id);
      return rect ? [{ id: container.id, rect }] : [];
    })
    .sort((a, b) => a.rect.left - b.rect.left);
  const centre = collisionRect.left + collisionRect.width / 2;
  const overIndex = over ? columns.findIndex((column) => column.id === over.id) : -1;
  const index =
    overIndex >= 0
      ? overIndex
      : columns.findIndex((column) => centre >= column.rect.left && centre <= column.rect.left + column.rect.width);
  const target = columns[index + step];
  if (!target) return undefined;
  const { rect } = target;
  return {
    x: rect.left + (rect.width - collisionRect.width) / 2,
    y: Math.min(Math.max(collisionRect.top, rect.top), rect.top + Math.max(0, rect.height - collisionRect.height)),
  };
};
