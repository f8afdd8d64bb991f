import { Divider, Skeleton, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Fragment } from "react";
import { formatDateTime } from "../lib/format";
import { useTRPC } from "../lib/trpc";
import { ErrorState } from "../ui/ErrorState";
import { NoteBody } from "./NoteBody";

/** Every version of a note, newest first. */
export function NoteHistory({ noteId }: { noteId: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.notes.history.queryOptions({ id: noteId }));
  if (query.isError)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  if (!query.data) return <Skeleton h={120} aria-label="Loading the versions" />;
  return (
    <Stack gap="sm" data-testid="note-history">
      {query.data.map((version, i) => (
        <Fragment key={version.version}>
          {i > 0 && <Divider />}
          <Text size="xs" c="dimmed">
            Version {version.version}
            {i === 0 ? " (current)" : ""}, {formatDateTime(version.writtenAt)}
          </Text>
          <NoteBody body={version.body} />
        </Fragment>
      ))}
    </Stack>
  );
}
