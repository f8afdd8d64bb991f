import { Modal, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { UserDTO } from "@shortlist/api";
import { resetPasswordInput } from "@shortlist/api/schemas";
import { useMutation } from "@tanstack/react-query";
import { fieldErrors } from "../lib/errors";
import { applyFieldErrors, fieldResolver } from "../lib/form-errors";
import { useTRPC } from "../lib/trpc";
import { FormError } from "../ui/ErrorState";
import { FormActions } from "../ui/FormActions";
import { NewPasswordInput } from "../ui/SecretInput";
import { USER_MENU_HINT } from "./CreateUserModal";

export function ResetPasswordModal({ user, onClose }: { user: UserDTO | null; onClose: () => void }) {
  return (
    <Modal opened={user != null} onClose={onClose} title={user ? `Reset the password of ${user.name}` : ""}>
      {user && <ResetPasswordForm user={user} onDone={onClose} />}
    </Modal>
  );
}

function ResetPasswordForm({ user, onDone }: { user: UserDTO; onDone: () => void }) {
  const trpc = useTRPC();
  const form = useForm({
    initialValues: { id: user.id, password: "" },
    validate: fieldResolver(resetPasswordInput),
  });
  const reset = useMutation(
    trpc.users.resetPassword.mutationOptions({
      onSuccess(saved) {
        notifications.show({
          color: "green",
          title: "Password reset",
          message: `${saved.name} was signed out everywhere; give them the new password.`,
        });
        onDone();
      },
      onError(error) {
        applyFieldErrors(form, error);
      },
    }),
  );
  const otherError = fieldErrors(reset.error).some((e) => e.path === "password") ? null : reset.error;

  return (
    <form onSubmit={form.onSubmit((values) => reset.mutate(values))} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {user.email} will be signed out of every session and sign in with this password.
        </Text>
        <NewPasswordInput
          label="New password"
          hint={USER_MENU_HINT}
          data-autofocus
          {...form.getInputProps("password")}
        />
        <FormError error={otherError} title="Password not reset" />
        <FormActions onCancel={onDone} loading={reset.isPending}>
          Reset password
        </FormActions>
      </Stack>
    </form>
  );
}
