import { Badge, Grid, Group, Paper, Stack, Tabs, Text, Title } from "@mantine/core";
import { IconMessages } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import { useHasRole } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { Forbidden } from "../../ui/Forbidden";
import { BackLink, RecordPage } from "../../ui/RecordPage";
import ChatPanel from "../chat/ChatPanel";
import { PERSONA_MODE_LABEL, PROVIDER_LABEL } from "../labels";
import type { ChatMessage, ConversationView } from "../types";
import { DeleteConversation } from "./DeleteConversation";
import { MemoriesPanel } from "./MemoriesPanel";
import { RunModule } from "./RunModule";
import { StatePanel } from "./StatePanel";
import { TracePanel } from "./TracePanel";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BACK = { to: "/conversations", label: "All conversations" };

export default function ConversationPage() {
  const { id = "" } = useParams();
  const trpc = useTRPC();
  const canRead = useHasRole("writers");
  const validId = UUID.test(id);
  const view = useQuery(trpc.conversations.get.queryOptions({ id }, { enabled: validId && canRead }));
  if (!canRead) return <Forbidden what="the conversations" />;
  return (
    <RecordPage
      validId={validId}
      query={view}
      back={BACK}
      notFound={{
        title: "No such conversation",
        description: "It may have been deleted.",
        icon: <IconMessages aria-hidden />,
      }}
      errorTitle="Could not load this conversation"
      skeleton={[400]}
    >
      {(data) => <Playground view={data} />}
    </RecordPage>
  );
}

/** The chat beside its side panel: the state, the memories and the selected reply's module trace. */
function Playground({ view }: { view: ConversationView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { conversation, messages } = view;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [tab, setTab] = useState<string | null>("trace");
  const replies = messages.filter((m) => m.role === "assistant");
  const selected = messages.find((m) => m.id === selectedId) ?? replies[replies.length - 1];

  const onMessage = (message: ChatMessage) => {
    if (message.status === "pending" || message.status === "streaming") return;
    void queryClient.invalidateQueries({
      queryKey: trpc.conversations.state.queryKey({ conversationId: conversation.id }),
    });
    void queryClient.invalidateQueries({ queryKey: trpc.conversations.memories.pathKey() });
  };
  const onSelectMessage = (message: ChatMessage) => {
    setSelectedId(message.id);
    setTab("trace");
  };

  return (
    <Stack gap="md">
      <BackLink {...BACK} />
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {conversation.title}
          </Title>
          <Group gap="xs" mt={4}>
            <Text size="sm">{conversation.persona.name}</Text>
            <Badge variant="light" color="gray" size="sm">
              {PERSONA_MODE_LABEL[conversation.persona.mode]}
            </Badge>
            <Text size="sm" c="dimmed">
              {PROVIDER_LABEL[conversation.provider]}
              {conversation.model ? ` · ${conversation.model}` : ""}
            </Text>
          </Group>
        </div>
        <DeleteConversation conversation={conversation} />
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder p="sm">
            <ChatPanel
              conversationId={conversation.id}
              onMessage={onMessage}
              selectedMessageId={selected?.id ?? null}
              onSelectMessage={onSelectMessage}
              height="calc(100vh - 330px)"
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="sm">
            <RunModule conversationId={conversation.id} personaId={conversation.persona.id} />
            <Tabs value={tab} onChange={setTab} keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="trace">Trace</Tabs.Tab>
                <Tabs.Tab value="state">State</Tabs.Tab>
                <Tabs.Tab value="memories">Memories</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="trace" pt="sm">
                <TracePanel message={selected} />
              </Tabs.Panel>
              <Tabs.Panel value="state" pt="sm">
                <StatePanel conversationId={conversation.id} />
              </Tabs.Panel>
              <Tabs.Panel value="memories" pt="sm">
                <MemoriesPanel conversationId={conversation.id} />
              </Tabs.Panel>
            </Tabs>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
