import { Button, Group, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { createApiTokenInput } from "@shortlist/api/schemas";
import { IconPlus } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { applyFieldErrors, fieldResolver } from "../lib/form-errors";
import { useTRPC } from "../lib/trpc";
import { FormError } from "../ui/ErrorState";
import { TokenSecretModal } from "./TokenSecretModal";

export function CreateTokenForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const form = useForm({ initialValues: { name: "" }, validate: fieldResolver(createApiTokenInput) });
  const create = useMutation(
    trpc.apiTokens.create.mutationOptions({
      async onSuccess({ token, secret }) {
        setCreated({ name: token.name, secret });
        form.reset();
        await queryClient.invalidateQueries(trpc.apiTokens.list.pathFilter());
      },
      onError: (error) => applyFieldErrors(form, error),
    }),
  );

  return (
    <>
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Group align="flex-start" gap="sm">
          <TextInput
            label="Token name"
            description="Name it after the script that will use it"
            placeholder="e.g. nightly import"
            w={320}
            {...form.getInputProps("name")}
          />
          <Button type="submit" mt={44} leftSection={<IconPlus size={16} aria-hidden />} loading={create.isPending}>
            Create token
          </Button>
        </Group>
        {create.isError && !form.errors.name && <FormError error={create.error} title="Token not created" />}
      </form>
      <TokenSecretModal secret={created?.secret ?? null} name={created?.name ?? ""} onClose={() => setCreated(null)} />
    </>
  );
}
