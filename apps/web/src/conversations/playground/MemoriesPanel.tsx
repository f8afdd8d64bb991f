import { Badge, Group, Paper, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { count, fixed, formatDateTime } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { Empty } from "../../ui/Empty";
import { ErrorState } from "../../ui/ErrorState";
import { MEMORY_TYPE_LABEL } from "../labels";

/** The conversation's episodic memories, the most relevant first when searched. */
export function MemoriesPanel({ conversationId }: { conversationId: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [query] = useDebouncedValue(search.trim(), 300);
  const memories = useQuery(
    trpc.conversations.memories.queryOptions(
      { conversationId, query, limit: 20 },
      { placeholderData: (previous) => previous },
    ),
  );
  return (
    <Stack gap="sm">
      <TextInput
        label="Search memories"
        type="search"
        placeholder="What the conversation remembers about…"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
      />
      {memories.error && !memories.data ? (
        <ErrorState
          error={memories.error}
          title="Could not load the memories"
          onRetry={() => void memories.refetch()}
          retrying={memories.isFetching}
        />
      ) : !memories.data ? (
        <Text size="sm" c="dimmed" role="status">
          Loading…
        </Text>
      ) : memories.data.length === 0 ? (
        <Empty title={query ? "No memory matches" : "No memories yet"} description="Modules keep facts as you chat." />
      ) : (
        <Stack gap="xs" style={{ opacity: memories.isPlaceholderData ? 0.6 : 1 }} data-testid="memories">
          {memories.data.map((m) => (
            <Paper withBorder p="xs" key={m.id}>
              <Text size="sm">{m.content}</Text>
              <Group gap="xs" mt={4}>
                <Badge size="xs" variant="light">
                  {MEMORY_TYPE_LABEL[m.type]}
                </Badge>
                <Text size="xs" c="dimmed">
                  importance {fixed(m.importance, 2)}
                  {m.score !== null && ` · score ${fixed(m.score, 3)}`} · read {count(m.accessCount)}× ·{" "}
                  {formatDateTime(m.createdAt)}
                </Text>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
