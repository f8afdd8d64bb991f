import { Stack, Text, Title } from "@mantine/core";
import { IconPuzzle } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import { useHasRole } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { Forbidden } from "../../ui/Forbidden";
import { BackLink, RecordPage } from "../../ui/RecordPage";
import { ModuleForm } from "./ModuleForm";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BACK = { to: "/chat-modules", label: "All chat modules" };

/** `/chat-modules/new` (admins) and `/chat-modules/:id`: the module's form and its Test panel. */
export default function ModulePage() {
  const { id = "" } = useParams();
  const canRead = useHasRole("writers");
  const canEdit = useHasRole("admin");
  if (!canRead) return <Forbidden what="the chat modules" />;
  if (id === "new") {
    if (!canEdit) return <Forbidden what="the module form" />;
    return (
      <Stack gap="md">
        <BackLink {...BACK} />
        <Title order={1} size="h2">
          New chat module
        </Title>
        <ModuleForm canEdit />
      </Stack>
    );
  }
  return <ExistingModule id={id} canEdit={canEdit} />;
}

function ExistingModule({ id, canEdit }: { id: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const validId = UUID.test(id);
  const module = useQuery(trpc.chatModules.get.queryOptions({ id }, { enabled: validId }));
  return (
    <RecordPage
      validId={validId}
      query={module}
      back={BACK}
      notFound={{ title: "No such module", description: "It may have been deleted.", icon: <IconPuzzle aria-hidden /> }}
      errorTitle="Could not load this module"
      skeleton={[200, 300]}
    >
      {(m) => (
        <Stack gap="md">
          <BackLink {...BACK} />
          <Title order={1} size="h2">
            {m.name}
          </Title>
          {!canEdit && (
            <Text size="sm" c="dimmed">
              Only admins change modules; you can still test it.
            </Text>
          )}
          <ModuleForm key={`${m.id}:${m.version}`} module={m} canEdit={canEdit} />
        </Stack>
      )}
    </RecordPage>
  );
}
