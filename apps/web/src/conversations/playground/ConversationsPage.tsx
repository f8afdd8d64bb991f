import { Anchor, Button, Stack, Text, Title } from "@mantine/core";
import { IconMessages } from "@tabler/icons-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { count, formatDateTime } from "../../lib/format";
import { useHasRole } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { DataTable, type Column } from "../../ui/DataTable";
import { Empty } from "../../ui/Empty";
import { Forbidden } from "../../ui/Forbidden";
import type { Conversation } from "../types";
import { StartConversation } from "./StartConversation";

const COLUMNS: Column<Conversation>[] = [
  {
    key: "title",
    header: "Conversation",
    skeletonWidth: 200,
    cell: (c) => (
      <Anchor component={Link} to={`/conversations/${c.id}`} fw={500}>
        {c.title}
      </Anchor>
    ),
  },
  { key: "persona", header: "Persona", cell: (c) => c.persona.name },
  {
    key: "messages",
    header: "Messages",
    th: { ta: "right" },
    td: { ta: "right" },
    cell: (c) => count(c.messageCount),
  },
  {
    key: "last",
    header: "Last message",
    cell: (c) => (
      <Text size="sm" c="dimmed">
        {formatDateTime(c.lastMessageAt)}
      </Text>
    ),
  },
  {
    key: "created",
    header: "Started",
    cell: (c) => (
      <Text size="sm" c="dimmed">
        {formatDateTime(c.createdAt)}
      </Text>
    ),
  },
];

export default function ConversationsPage() {
  if (!useHasRole("writers")) return <Forbidden what="the conversations" />;
  return <Conversations />;
}

function Conversations() {
  const trpc = useTRPC();
  const list = useInfiniteQuery(
    trpc.conversations.list.infiniteQueryOptions({ limit: 25 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const rows = list.data?.pages.flatMap((page) => page.items);
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          Playground
        </Title>
        <Text size="sm" c="dimmed">
          Chat with a persona and watch what its modules do: the state they keep, the memories, each reply&apos;s trace.
        </Text>
      </div>
      <StartConversation />
      <DataTable
        data-testid="conversations-table"
        minWidth={760}
        tableProps={{ striped: true, highlightOnHover: true, bg: "white" }}
        columns={COLUMNS}
        rowKey={(c) => c.id}
        rows={rows}
        error={list.error}
        errorTitle="Could not load the conversations"
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
        empty={
          <Empty
            title="No conversations yet"
            description="Pick a persona above and start one."
            icon={<IconMessages aria-hidden />}
          />
        }
        footer={
          list.hasNextPage && (
            <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              Load more
            </Button>
          )
        }
      />
    </Stack>
  );
}
