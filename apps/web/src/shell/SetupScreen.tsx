import { Alert, Button, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { setupInput } from "@shortlist/api/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { zod4Resolver } from "mantine-form-zod-resolver";
import { errorMessage } from "../lib/errors";
import { applyFieldErrors } from "../lib/form-errors";
import { useTRPC } from "../lib/trpc";
import { NewPasswordInput } from "../ui/SecretInput";
import { AuthCard } from "./AuthCard";

/** Shown once, while no user exists: creates the first admin and signs them in. */
export default function SetupScreen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { name: "", email: "", password: "" },
    validate: zod4Resolver(setupInput),
  });
  const setup = useMutation(
    trpc.auth.setup.mutationOptions({
      onSuccess(user) {
        queryClient.setQueryData(trpc.auth.setupStatus.queryKey(), { needsSetup: false });
        queryClient.setQueryData(trpc.auth.me.queryKey(), { user, via: "session" as const });
      },
      onError(error) {
        applyFieldErrors(form, error);
        // Someone else may have finished setup first: re-ask, and the sign-in screen follows if so.
        void queryClient.invalidateQueries(trpc.auth.setupStatus.queryFilter());
      },
    }),
  );

  return (
    <AuthCard
      title="Set up Shortlist"
      intro="Create the first admin account. This screen is shown only once; afterwards admins add everyone else."
    >
      <form onSubmit={form.onSubmit((values) => setup.mutate(values))} noValidate>
        <Stack>
          <TextInput label="Name" autoComplete="name" required data-autofocus {...form.getInputProps("name")} />
          <TextInput label="Email" type="email" autoComplete="username" required {...form.getInputProps("email")} />
          <NewPasswordInput label="Password" {...form.getInputProps("password")} />
          {setup.isError && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(setup.error)}
            </Alert>
          )}
          <Button type="submit" loading={setup.isPending} fullWidth>
            Create admin account
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
