import { Badge, Group, Stack, Text, Title } from "@mantine/core";
import { IconRobot } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import { useHasRole } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { Forbidden } from "../../ui/Forbidden";
import { BackLink, RecordPage } from "../../ui/RecordPage";
import { PersonaForm } from "./PersonaForm";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BACK = { to: "/personas", label: "All personas" };

/** `/personas/new` (admins) and `/personas/:id`: the persona's form, read-only for non-admins. */
export default function PersonaPage() {
  const { id = "" } = useParams();
  const canRead = useHasRole("writers");
  const canEdit = useHasRole("admin");
  if (!canRead) return <Forbidden what="the personas" />;
  if (id === "new") {
    if (!canEdit) return <Forbidden what="the persona form" />;
    return (
      <Stack gap="md">
        <BackLink {...BACK} />
        <Title order={1} size="h2">
          New persona
        </Title>
        <PersonaForm canEdit />
      </Stack>
    );
  }
  return <ExistingPersona id={id} canEdit={canEdit} />;
}

function ExistingPersona({ id, canEdit }: { id: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const validId = UUID.test(id);
  const persona = useQuery(trpc.personas.get.queryOptions({ id }, { enabled: validId }));
  return (
    <RecordPage
      validId={validId}
      query={persona}
      back={BACK}
      notFound={{
        title: "No such persona",
        description: "It may have been deleted.",
        icon: <IconRobot aria-hidden />,
      }}
      errorTitle="Could not load this persona"
      skeleton={[60, 200, 300]}
    >
      {(p) => (
        <Stack gap="md">
          <BackLink {...BACK} />
          <Group gap="sm">
            <Title order={1} size="h2">
              {p.name}
            </Title>
            {p.builtinKey && (
              <Badge variant="light" color="gray">
                Built in
              </Badge>
            )}
          </Group>
          {!canEdit && (
            <Text size="sm" c="dimmed">
              Only admins change personas.
            </Text>
          )}
          {/* Keyed by version: a save, or a reload after someone else's, loads the saved persona into a fresh form. */}
          <PersonaForm key={`${p.id}:${p.version}`} persona={p} canEdit={canEdit} />
        </Stack>
      )}
    </RecordPage>
  );
}
