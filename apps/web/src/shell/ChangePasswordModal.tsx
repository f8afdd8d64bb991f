import { Modal, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { changePasswordInput } from "@shortlist/api/schemas";
import { useMutation } from "@tanstack/react-query";
import { fieldErrors } from "../lib/errors";
import { applyFieldErrors, fieldResolver } from "../lib/form-errors";
import { useTRPC } from "../lib/trpc";
import { FormError } from "../ui/ErrorState";
import { FormActions } from "../ui/FormActions";
import { NewPasswordInput, SecretInput } from "../ui/SecretInput";

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Change password">
      {opened && <ChangePasswordForm onDone={onClose} />}
    </Modal>
  );
}

function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const form = useForm({
    initialValues: { currentPassword: "", newPassword: "" },
    validate: fieldResolver(changePasswordInput),
  });
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess() {
        notifications.show({
          color: "green",
          title: "Password changed",
          message: "You stay signed in here; your other sessions were signed out.",
        });
        onDone();
      },
      onError(error) {
        applyFieldErrors(form, error);
      },
    }),
  );
  // Field errors show under their inputs; anything else (e.g. too many attempts) above the buttons.
  const otherError = fieldErrors(change.error).length ? null : change.error;

  return (
    <form onSubmit={form.onSubmit((values) => change.mutate(values))} noValidate>
      <Stack>
        <SecretInput
          label="Current password"
          autoComplete="current-password"
          required
          data-autofocus
          {...form.getInputProps("currentPassword")}
        />
        <NewPasswordInput label="New password" {...form.getInputProps("newPassword")} />
        <FormError error={otherError} title="Password not changed" />
        <FormActions onCancel={onDone} loading={change.isPending}>
          Change password
        </FormActions>
      </Stack>
    </form>
  );
}
