import { Anchor, Avatar, Badge, Button, Group, Stack, Text, Title } from "@mantine/core";
import { IconPlus, IconRobot } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { plural } from "../../lib/format";
import { useHasRole } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { ActiveBadge } from "../../ui/ActiveBadge";
import { DataTable, queryRows, type Column } from "../../ui/DataTable";
import { Empty } from "../../ui/Empty";
import { Forbidden } from "../../ui/Forbidden";
import { PERSONA_MODE_LABEL, PROVIDER_LABEL } from "../labels";
import type { Persona } from "../types";
import { avatarSrc } from "./AvatarUpload";

const COLUMNS: Column<Persona>[] = [
  {
    key: "name",
    header: "Name",
    skeletonWidth: 160,
    cell: (p) => (
      <Group gap="xs" wrap="nowrap">
        <Avatar src={avatarSrc(p)} alt="" size="sm" radius="xl" color="violet">
          <IconRobot size={14} aria-hidden />
        </Avatar>
        <Anchor component={Link} to={`/personas/${p.id}`} fw={500}>
          {p.name}
        </Anchor>
        {p.builtinKey && (
          <Badge size="xs" variant="light" color="gray">
            Built in
          </Badge>
        )}
      </Group>
    ),
  },
  { key: "mode", header: "Mode", cell: (p) => PERSONA_MODE_LABEL[p.mode] },
  {
    key: "model",
    header: "Provider · model",
    skeletonWidth: 160,
    cell: (p) => (
      <Text size="sm">
        {PROVIDER_LABEL[p.settings.provider]}
        {p.settings.model && (
          <Text span size="sm" c="dimmed">
            {" "}
            · {p.settings.model}
          </Text>
        )}
      </Text>
    ),
  },
  { key: "modules", header: "Modules", cell: (p) => plural(p.modules.length, "module") },
  { key: "active", header: "Active", cell: (p) => <ActiveBadge active={p.active} inactive="Inactive" /> },
];

export default function PersonasPage() {
  const canRead = useHasRole("writers");
  if (!canRead) return <Forbidden what="the personas" />;
  return <Personas />;
}

function Personas() {
  const trpc = useTRPC();
  const canEdit = useHasRole("admin");
  const personas = useQuery(trpc.personas.list.queryOptions());
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            Personas
          </Title>
          <Text size="sm" c="dimmed">
            Who answers in a conversation: a system prompt, the modules that shape each reply, and the model.
          </Text>
        </div>
        {canEdit && (
          <Button component={Link} to="/personas/new" leftSection={<IconPlus size={16} aria-hidden />}>
            New persona
          </Button>
        )}
      </Group>
      <DataTable
        data-testid="personas-table"
        minWidth={760}
        tableProps={{ striped: true, highlightOnHover: true, bg: "white" }}
        columns={COLUMNS}
        rowKey={(p) => p.id}
        {...queryRows(personas)}
        errorTitle="Could not load the personas"
        empty={
          <Empty
            title="No personas yet"
            description={canEdit ? "Use “New persona” above to create the first." : "Admins create personas."}
            icon={<IconRobot aria-hidden />}
          />
        }
      />
    </Stack>
  );
}
