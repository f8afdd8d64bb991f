import { Anchor, Box, Button, Group, Modal, Paper, Stack, Text, ThemeIcon } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { NoteDTO, TimelineItemDTO } from "@shortlist/api";
import type { TimelineCategory } from "@shortlist/api/schemas";
import {
  IconArrowRight,
  IconBriefcase,
  IconChartBar,
  IconFileText,
  IconMail,
  IconNote,
  IconPoint,
  IconUser,
} from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { errorReason } from "../lib/errors";
import { formatDateTime } from "../lib/format";
import { useSession } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { FormError } from "../ui/ErrorState";
import { invalidateNotes } from "./cache";
import { NoteBody } from "./NoteBody";
import { NoteEditor } from "./NoteEditor";
import { NoteHistory } from "./NoteHistory";

const ICON: Record<TimelineCategory, ReactNode> = {
  note: <IconNote size={14} aria-hidden />,
  candidate: <IconUser size={14} aria-hidden />,
  application: <IconBriefcase size={14} aria-hidden />,
  stage: <IconArrowRight size={14} aria-hidden />,
  assessment: <IconChartBar size={14} aria-hidden />,
  report: <IconFileText size={14} aria-hidden />,
  email: <IconMail size={14} aria-hidden />,
  other: <IconPoint size={14} aria-hidden />,
};

const COLOR: Record<TimelineCategory, string> = {
  note: "yellow",
  candidate: "gray",
  application: "blue",
  stage: "indigo",
  assessment: "teal",
  report: "grape",
  email: "cyan",
  other: "gray",
};

/** One line of the timeline: an event's summary, or a note with its actions. */
export function TimelineEntry({ item, canWrite }: { item: TimelineItemDTO; canWrite: boolean }) {
  return (
    <Box component="li" py="xs" data-testid="timeline-item" data-kind={item.category}>
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <ThemeIcon variant="light" color={COLOR[item.category]} size="md" radius="xl" mt={2}>
          {ICON[item.category]}
        </ThemeIcon>
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6} wrap="wrap">
            <Text size="sm" fw={600}>
              {item.actor.label}
            </Text>
            {item.type === "event" && <Text size="sm">{item.summary}</Text>}
            <Text size="xs" c="dimmed" component="time" dateTime={item.at.toISOString()}>
              {formatDateTime(item.at)}
            </Text>
          </Group>
          {item.type === "note" && <NoteCard note={item.note} canWrite={canWrite} />}
        </Stack>
      </Group>
    </Box>
  );
}

function NoteCard({ note, canWrite }: { note: NoteDTO; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useSession();
  const [editing, edit] = useDisclosure(false);
  const [confirming, confirm] = useDisclosure(false);
  const [showingHistory, history] = useDisclosure(false);
  const mine = note.author?.id === me.id;
  const canEdit = canWrite && mine && note.body !== null;
  const canDelete = canWrite && (mine || me.role === "admin");

  const update = useMutation(
    trpc.notes.update.mutationOptions({
      async onSuccess() {
        edit.close();
        await invalidateNotes(queryClient, trpc);
      },
    }),
  );
  const remove = useMutation(
    trpc.notes.delete.mutationOptions({
      async onSuccess() {
        confirm.close();
        await invalidateNotes(queryClient, trpc);
      },
    }),
  );
  const stale = errorReason(update.error) === "stale_version";

  return (
    <Paper withBorder radius="md" p="sm" bg="yellow.0" data-testid="note" data-note-id={note.id}>
      {editing ? (
        <Stack gap="xs">
          {stale && (
            <Text size="sm" c="orange.8" role="alert">
              Someone saved this note first. Cancel to see it as it is now, then edit again.
            </Text>
          )}
          <NoteEditor
            initial={note.body ?? ""}
            submitLabel="Save note"
            autoFocus
            submitting={update.isPending}
            error={stale ? null : update.error}
            onSubmit={(body) => update.mutate({ id: note.id, version: note.version, body })}
            onCancel={() => {
              update.reset();
              edit.close();
              if (stale) void invalidateNotes(queryClient, trpc);
            }}
          />
        </Stack>
      ) : (
        <Stack gap={6}>
          <NoteBody body={note.body} />
          <Group gap="xs">
            {note.edited && (
              <Anchor component="button" type="button" size="xs" c="dimmed" onClick={history.open}>
                edited {formatDateTime(note.updatedAt)}
              </Anchor>
            )}
            {canEdit && (
              <Anchor component="button" type="button" size="xs" onClick={edit.open}>
                Edit
              </Anchor>
            )}
            {canDelete && (
              <Anchor component="button" type="button" size="xs" c="red" onClick={confirm.open}>
                Delete
              </Anchor>
            )}
          </Group>
        </Stack>
      )}
      <Modal opened={confirming} onClose={confirm.close} title="Delete this note?">
        <Stack>
          <Text size="sm">The note and its earlier versions will be deleted. The audit trail keeps that it was.</Text>
          <FormError error={remove.error} title="Not deleted" />
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              Cancel
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate({ id: note.id })}>
              Delete note
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={showingHistory} onClose={history.close} title="Versions of this note" size="lg">
        {showingHistory && <NoteHistory noteId={note.id} />}
      </Modal>
    </Paper>
  );
}
