import { Alert, Button, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { loginInput } from "@shortlist/api/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { zod4Resolver } from "mantine-form-zod-resolver";
import { useTRPC } from "../trpc";
import { errorCode, errorMessage } from "../ui/errors";
import { formatDateTime } from "../ui/format";
import { SecretInput } from "../ui/SecretInput";
import { AuthCard } from "./AuthCard";
import { forgetOtherQueries } from "./queries";

function signInError(error: unknown): string {
  switch (errorCode(error)) {
    case "UNAUTHORIZED":
      return "The email or password is wrong";
    case "TOO_MANY_REQUESTS":
      // The server's message says when to try again, as an ISO time; show it in local time.
      return errorMessage(error).replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/, (iso) => formatDateTime(new Date(iso)));
    default:
      // FORBIDDEN: the account is disabled.
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
