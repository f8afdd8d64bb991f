import { Modal, Stack, TagsInput, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { plural } from "../lib/format";
import { useTRPC } from "../lib/trpc";
import { FormError } from "../ui/ErrorState";
import { FormActions } from "../ui/FormActions";
import { invalidateCandidateLists } from "./cache";
import type { CandidateRow } from "./types";

export type TagMode = "add" | "remove";

interface Props {
  mode: TagMode | null;
  rows: readonly CandidateRow[];
  onClose: () => void;
}

/** Adds tags to, or removes them from, the selected people (candidates.tag: one call, each person done or skipped). */
export function TagDialog({ mode, rows, onClose }: Props) {
  const title = `${mode === "remove" ? "Remove tags from" : "Tag"} ${plural(rows.length, "candidate")}`;
  return (
    <Modal opened={mode !== null} onClose={onClose} title={title}>
      {mode && <TagForm mode={mode} rows={rows} onClose={onClose} />}
    </Modal>
  );
}

function TagForm({ mode, rows, onClose }: { mode: TagMode; rows: readonly CandidateRow[]; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [tags, setTags] = useState<string[]>([]);
  const [missing, setMissing] = useState(false);
  const [search, setSearch] = useState("");
  // Removing: the tags the selection has. Adding: tags in use, as suggested from the data.
  const held = [...new Set(rows.flatMap((r) => r.tags))].sort();
  const suggestions = useQuery(
    trpc.candidates.suggestions.queryOptions(
      { field: "tag", prefix: search.trim(), limit: 10 },
      { enabled: mode === "add" },
    ),
  );
  const tag = useMutation(
    trpc.candidates.tag.mutationOptions({
      async onSuccess({ results }) {
        const done = results.filter((r) => r.outcome === "done").length;
        const skipped = results.length - done;
        notifications.show({
          color: done ? "green" : "yellow",
          title: mode === "add" ? "Tagged" : "Tags removed",
          message:
            `${plural(done, "candidate")} changed` +
            (skipped
              ? `; ${plural(skipped, "candidate")} skipped (${[...new Set(results.flatMap((r) => (r.reason ? [r.reason] : [])))].join("; ")})`
              : "."),
        });
        onClose();
        await invalidateCandidateLists(queryClient, trpc);
        await queryClient.invalidateQueries(trpc.candidates.get.pathFilter());
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!tags.length) return setMissing(true);
    const ids = rows.map((r) => r.id);
    tag.mutate(mode === "add" ? { ids, add: tags } : { ids, remove: tags });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TagsInput
          label={mode === "add" ? "Tags to add" : "Tags to remove"}
          description="Press Enter after each tag"
          data-autofocus
          data={mode === "add" ? (suggestions.data ?? []) : held}
          searchValue={search}
          onSearchChange={setSearch}
          value={tags}
          onChange={(next) => {
            setTags(next);
            setMissing(false);
          }}
          error={missing ? "Name at least one tag" : undefined}
        />
        <Text size="sm" c="dimmed" lineClamp={3}>
          {rows.map((r) => r.name).join(", ")}
        </Text>
        <FormError error={tag.error} title={mode === "add" ? "Not tagged" : "Tags not removed"} />
        <FormActions onCancel={onClose} loading={tag.isPending}>
          {mode === "add"
            ? `Tag ${plural(rows.length, "candidate")}`
            : `Remove from ${plural(rows.length, "candidate")}`}
        </FormActions>
      </Stack>
    </form>
  );
}
