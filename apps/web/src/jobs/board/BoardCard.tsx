import { useDraggable } from "@dnd-kit/core";
import { ActionIcon, Anchor, Badge, Group, Menu, Paper, Stack, Text } from "@mantine/core";
import { applicationActionBlocked, type JobStatus } from "@shortlist/api/schemas";
import { IconArrowRight, IconDotsVertical, IconGripVertical, IconX } from "@tabler/icons-react";
import type { KeyboardEventHandler, PointerEventHandler, ReactNode } from "react";
import { Link } from "react-router";
import { InterviewMenuItems } from "../../interviews";
import { Blocked } from "../Blocked";
import { daysIn, interviewLabel, scoreLabel } from "../card-format";
import type { Card, Stage } from "../types";

export interface CardActions {
  stages: readonly Stage[];
  jobStatus: JobStatus;
  canWrite: boolean;
  onMove: (card: Card, stageId: string) => void;
  onReject: (card: Card) => void;
}

interface Props extends CardActions {
  card: Card;
  stageId: string;
  /** A move of this card is on its way: it cannot be moved again until the board is fresh. */
  moving: boolean;
}

/** A card on the board: dragged by its grip (mouse, touch or keyboard) or moved from its menu. */
export function BoardCard({ card, stageId, moving, ...actions }: Props) {
  const blocked = applicationActionBlocked("move", card.outcome, actions.jobStatus);
  const reason = blocked ?? (moving ? "Being moved…" : null);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: card.applicationId,
    data: { card, stageId },
    disabled: !actions.canWrite || reason !== null,
  });
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      radius="sm"
      p="xs"
      data-testid="board-card"
      data-application-id={card.applicationId}
      // The whole card follows a mouse or a finger; the keyboard starts from the grip.
      onPointerDown={listeners?.onPointerDown as PointerEventHandler | undefined}
      style={{ opacity: isDragging || moving ? 0.5 : 1, cursor: actions.canWrite && !reason ? "grab" : undefined }}
    >
      <CardBody
        card={card}
        grip={
          actions.canWrite && (
            <Blocked reason={reason}>
              <ActionIcon
                ref={setActivatorNodeRef}
                variant="subtle"
                color="gray"
                size="sm"
                {...attributes}
                onKeyDown={listeners?.onKeyDown as KeyboardEventHandler | undefined}
                aria-label={`Move ${card.name}`}
                aria-disabled={reason ? true : undefined}
                data-disabled={reason ? true : undefined}
              >
                <IconGripVertical size={14} aria-hidden />
              </ActionIcon>
            </Blocked>
          )
        }
        menu={actions.canWrite && <CardMenu card={card} stageId={stageId} moving={moving} {...actions} />}
      />
    </Paper>
  );
}

/** What the dragged card looks like under the pointer. */
export function CardPreview({ card }: { card: Card }) {
  return (
    <Paper withBorder radius="sm" p="xs" shadow="md" style={{ cursor: "grabbing" }}>
      <CardBody card={card} />
    </Paper>
  );
}

function CardBody({ card, grip, menu }: { card: Card; grip?: ReactNode; menu?: ReactNode }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Group gap={4} wrap="nowrap" miw={0}>
          {grip}
          <Anchor component={Link} to={`/candidates/${card.candidateId}`} draggable={false} fw={500} size="sm" truncate>
            {card.name}
          </Anchor>
        </Group>
        {menu}
      </Group>
      <Group gap="sm">
        <Text size="xs" c="dimmed">
          Score <b>{scoreLabel(card.score)}</b>
        </Text>
        {card.interviewScore !== null && (
          <Badge
            size="xs"
            variant="light"
            color="indigo"
            tt="none"
            data-testid="interview-score"
            title="Overall score of the latest completed interview (0–100)"
          >
            {interviewLabel(card.interviewScore)}
          </Badge>
        )}
        <Text size="xs" c="dimmed">
          {daysIn(card.stageEnteredAt)} in stage
        </Text>
      </Group>
      {card.tags.length > 0 && (
        <Group gap={4}>
          {card.tags.map((tag) => (
            <Badge key={tag} size="xs" variant="light" color="gray" tt="none">
              {tag}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
}

function CardMenu({ card, stageId, moving, stages, jobStatus, onMove, onReject }: Props) {
  const moveBlocked = applicationActionBlocked("move", card.outcome, jobStatus) ?? (moving ? "Being moved…" : null);
  const rejectBlocked = applicationActionBlocked("reject", card.outcome, jobStatus);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Actions for ${card.name}`}>
          <IconDotsVertical size={14} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{moveBlocked ?? "Move to"}</Menu.Label>
        {stages
          .filter((stage) => stage.id !== stageId)
          .map((stage) => (
            <Menu.Item
              key={stage.id}
              disabled={moveBlocked !== null}
              leftSection={<IconArrowRight size={14} aria-hidden />}
              onClick={() => onMove(card, stage.id)}
            >
              {stage.name}
            </Menu.Item>
          ))}
        <Menu.Divider />
        <Menu.Item
          color="red"
          disabled={rejectBlocked !== null}
          leftSection={<IconX size={14} aria-hidden />}
          onClick={() => onReject(card)}
        >
          Reject…
          {rejectBlocked && (
            <Text size="xs" c="dimmed">
              {rejectBlocked}
            </Text>
          )}
        </Menu.Item>
        <Menu.Divider />
        <InterviewMenuItems applicationId={card.applicationId} />
      </Menu.Dropdown>
    </Menu>
  );
}
