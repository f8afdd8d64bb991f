import { Button, Group, Paper, Select, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconPlayerPlay } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { applyFieldErrors } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";
import { FormError } from "../../ui/ErrorState";

/** Picks a persona (and a title) and opens a new conversation with it. */
export function StartConversation() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const personas = useQuery(trpc.personas.list.queryOptions());
  const form = useForm({
    initialValues: { personaId: null as string | null, title: "" },
    validate: { personaId: (value) => (value ? null : "Pick a persona") },
  });
  const start = useMutation(
    trpc.conversations.start.mutationOptions({
      async onSuccess(view) {
        queryClient.setQueryData(trpc.conversations.get.queryKey({ id: view.conversation.id }), view);
        await queryClient.invalidateQueries({ queryKey: trpc.conversations.list.pathKey() });
        await navigate(`/conversations/${view.conversation.id}`);
      },
      onError: (error) => applyFieldErrors(form, error),
    }),
  );
  const options = (personas.data ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }));

  return (
    <Paper withBorder p="md" component="section" aria-label="Start a conversation">
      <Title order={2} size="h5" mb="sm">
        Start a conversation
      </Title>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          start.mutate({ personaId: values.personaId!, title: values.title.trim() || undefined }),
        )}
      >
        <Group align="flex-start" gap="sm">
          <Select
            label="Persona"
            placeholder={personas.isPending ? "Loading…" : "Pick a persona"}
            data={options}
            searchable
            nothingFoundMessage={personas.error ? "Could not load the personas" : "No active persona"}
            w={260}
            {...form.getInputProps("personaId")}
          />
          <TextInput
            label="Title"
            placeholder="Named after the persona when empty"
            w={300}
            {...form.getInputProps("title")}
          />
          <Button
            type="submit"
            mt={25}
            leftSection={<IconPlayerPlay size={16} aria-hidden />}
            loading={start.isPending}
          >
            Start
          </Button>
        </Group>
        <FormError error={start.error && !Object.keys(form.errors).length ? start.error : null} title="Not started" />
      </form>
    </Paper>
  );
}
