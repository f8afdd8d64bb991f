import { Modal, Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { createUserInput, USER_ROLES, type UserRole } from "@shortlist/api/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorReason } from "../lib/errors";
import { applyFieldErrors, fieldResolver } from "../lib/form-errors";
import { ROLE_LABEL } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { FormError } from "../ui/ErrorState";
import { FormActions } from "../ui/FormActions";
import { NewPasswordInput } from "../ui/SecretInput";

/** Said under a password an admin chooses for someone. */
export const USER_MENU_HINT = "they can change it from their user menu";

export const ROLE_OPTIONS = USER_ROLES.map((role) => ({ value: role, label: ROLE_LABEL[role] }));

export function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Create user">
      {opened && <CreateUserForm onDone={onClose} />}
    </Modal>
  );
}

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { email: "", name: "", role: "recruiter" as UserRole, password: "" },
    validate: fieldResolver(createUserInput),
  });
  const create = useMutation(
    trpc.users.create.mutationOptions({
      async onSuccess(user) {
        notifications.show({
          color: "green",
          title: "User created",
          message: `${user.name} can now sign in as ${ROLE_LABEL[user.role].toLowerCase()}.`,
        });
        onDone();
        await queryClient.invalidateQueries(trpc.users.list.queryFilter());
      },
      onError(error) {
        applyFieldErrors(form, error);
        if (errorReason(error) === "duplicate") form.setFieldError("email", "A user with this email already exists");
      },
    }),
  );

  return (
    <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
      <Stack>
        <TextInput label="Name" required data-autofocus {...form.getInputProps("name")} />
        <TextInput label="Email" type="email" required autoComplete="off" {...form.getInputProps("email")} />
        <Select label="Role" required data={ROLE_OPTIONS} allowDeselect={false} {...form.getInputProps("role")} />
        <NewPasswordInput label="Password" hint={USER_MENU_HINT} {...form.getInputProps("password")} />
        <FormError error={create.error} title="User not created" />
        <FormActions onCancel={onDone} loading={create.isPending}>
          Create user
        </FormActions>
      </Stack>
    </form>
  );
}
