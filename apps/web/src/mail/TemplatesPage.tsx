import { Stack, Tabs, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useHasRole } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { ErrorState } from "../ui/ErrorState";
import { Forbidden } from "../ui/Forbidden";
import { PageLoader } from "../ui/PageLoader";
import { TemplateEditor } from "./TemplateEditor";

export default function TemplatesPage() {
  if (!useHasRole("admin")) return <Forbidden what="the email templates" />;
  return <Templates />;
}

function Templates() {
  const trpc = useTRPC();
  const list = useQuery(trpc.mail.templates.list.queryOptions());
  const [active, setActive] = useState<string | null>(null);
  const templates = list.data;
  const current = templates?.find((t) => t.key === active) ?? templates?.[0];

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          Email templates
        </Title>
        <Text size="sm" c="dimmed">
          What Shortlist writes to candidates. Templates use Liquid: <code>{"{{ recipient.name }}"}</code> puts in a
          value, <code>{"{% if %}"}</code> decides; nothing else runs. A message is written when its action happens, so
          an edit changes only the messages written after it.
        </Text>
      </div>
      {list.error && !templates ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />
      ) : !templates || !current ? (
        <PageLoader />
      ) : (
        <Tabs value={current.key} onChange={setActive} keepMounted={false}>
          <Tabs.List>
            {templates.map((t) => (
              <Tabs.Tab key={t.key} value={t.key}>
                {t.label}
                {!t.isDefault && (
                  <Text span size="xs" c="dimmed">
                    {" "}
                    (edited)
                  </Text>
                )}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {templates.map((t) => (
            <Tabs.Panel key={t.key} value={t.key} pt="md">
              {/* Keyed by version: a save or a reset loads the saved text into the form. */}
              <TemplateEditor key={`${t.key}:${t.version}`} template={t} />
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Stack>
  );
}
