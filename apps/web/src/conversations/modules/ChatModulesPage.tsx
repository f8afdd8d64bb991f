import { Anchor, Badge, Button, Code, Group, Stack, Text, Title } from "@mantine/core";
import { IconPlus, IconPuzzle } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { plural } from "../../lib/format";
import { useHasRole } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { ActiveBadge } from "../../ui/ActiveBadge";
import { DataTable, queryRows, type Column } from "../../ui/DataTable";
import { Empty } from "../../ui/Empty";
import { Forbidden } from "../../ui/Forbidden";
import { CONTEXT_SHORT, MODULE_TYPE_LABEL, TRIGGER_LABEL } from "../labels";
import type { ChatModule } from "../types";

const trigger = (m: ChatModule) =>
  m.triggerKind === "regex" ? (
    <Code>{m.triggerPattern}</Code>
  ) : m.triggerKind === "keywords" ? (
    <Text size="sm">{m.triggerKeywords.join(", ")}</Text>
  ) : (
    <Text size="sm">{TRIGGER_LABEL.always}</Text>
  );

const COLUMNS: Column<ChatModule>[] = [
  {
    key: "name",
    header: "Name",
    skeletonWidth: 160,
    cell: (m) => (
      <Anchor component={Link} to={`/chat-modules/${m.id}`} fw={500}>
        {m.name}
      </Anchor>
    ),
  },
  { key: "type", header: "Type", cell: (m) => MODULE_TYPE_LABEL[m.type] },
  { key: "trigger", header: "Trigger", skeletonWidth: 140, cell: trigger },
  {
    key: "context",
    header: "Runs",
    cell: (m) => (
      <Badge
        variant="light"
        color={m.executionContext === "IMMEDIATE" ? "blue" : m.executionContext === "POST_RESPONSE" ? "grape" : "gray"}
      >
        {CONTEXT_SHORT[m.executionContext]}
      </Badge>
    ),
  },
  { key: "priority", header: "Priority", th: { ta: "right" }, td: { ta: "right" }, cell: (m) => m.stagePriority },
  { key: "active", header: "Active", cell: (m) => <ActiveBadge active={m.active} inactive="Inactive" /> },
  { key: "used", header: "Used by", cell: (m) => plural(m.personaCount, "persona") },
];

export default function ChatModulesPage() {
  const canRead = useHasRole("writers");
  if (!canRead) return <Forbidden what="the chat modules" />;
  return <ChatModules />;
}

function ChatModules() {
  const trpc = useTRPC();
  const canEdit = useHasRole("admin");
  const modules = useQuery(trpc.chatModules.list.queryOptions());
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            Chat modules
          </Title>
          <Text size="sm" c="dimmed">
            What a persona does when a message matches: add to its prompt, keep state, suggest replies.
          </Text>
        </div>
        {canEdit && (
          <Button component={Link} to="/chat-modules/new" leftSection={<IconPlus size={16} aria-hidden />}>
            New module
          </Button>
        )}
      </Group>
      <DataTable
        data-testid="chat-modules-table"
        minWidth={900}
        tableProps={{ striped: true, highlightOnHover: true, bg: "white" }}
        columns={COLUMNS}
        rowKey={(m) => m.id}
        {...queryRows(modules)}
        errorTitle="Could not load the chat modules"
        empty={
          <Empty
            title="No chat modules yet"
            description={canEdit ? "Use “New module” above to create the first." : "Admins create modules."}
            icon={<IconPuzzle aria-hidden />}
          />
        }
      />
    </Stack>
  );
}
