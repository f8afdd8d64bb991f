import { Alert, Button, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { loginInput } from "@shortlist/api/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { zod4Resolver } from "mantine-form-zod-resolver";
import { errorDetails, errorMessage, errorReason } from "../lib/errors";
import { formatDateTime } from "../lib/format";
import { forgetOtherQueries } from "../lib/queries";
import { useTRPC } from "../lib/trpc";
import { SecretInput } from "../ui/SecretInput";
import { AuthCard } from "./AuthCard";

function signInError(error: unknown): string {
  switch (errorReason(error)) {
    case "unauthenticated":
      return "The email or password is wrong";
    case "too_many_attempts": {
      const retryAt = errorDetails(error).retryAt;
      return typeof retryAt === "string"
        ? `Too many failed attempts; try again after ${formatDateTime(new Date(retryAt))}`
        : errorMessage(error);
    }
    default:
      // forbidden: the account is disabled.
      return errorMessage(error);
  }
}

export default function SignInScreen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: zod4Resolver(loginInput),
  });
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess(user) {
        forgetOtherQueries(queryClient);
        queryClient.setQueryData(trpc.auth.me.queryKey(), { user, via: "session" as const });
      },
    }),
  );

  return (
    <AuthCard title="Sign in">
      <form onSubmit={form.onSubmit((values) => login.mutate(values))} noValidate>
        <Stack>
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            data-autofocus
            {...form.getInputProps("email")}
          />
          <SecretInput label="Password" autoComplete="current-password" required {...form.getInputProps("password")} />
          {login.isError && (
            <Alert color="red" variant="light" role="alert">
              {signInError(login.error)}
            </Alert>
          )}
          <Button type="submit" loading={login.isPending} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
