import { Button, Group, Select, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import type { UserDTO } from "@shortlist/api";
import type { UserRole } from "@shortlist/api/schemas";
import { IconUserPlus } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, errorReason } from "../lib/errors";
import { formatDateTime } from "../lib/format";
import { useHasRole, useSession } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { ActiveBadge } from "../ui/ActiveBadge";
import { DataTable, queryRows } from "../ui/DataTable";
import { Forbidden } from "../ui/Forbidden";
import { CreateUserModal, ROLE_OPTIONS } from "./CreateUserModal";
import { ResetPasswordModal } from "./ResetPasswordModal";

export default function UsersPage() {
  if (!useHasRole("admin")) return <Forbidden what="the users" />;
  return <Users />;
}

function Users() {
  const trpc = useTRPC();
  const me = useSession();
  const queryClient = useQueryClient();
  const [creating, create] = useDisclosure(false);
  const users = useQuery(trpc.users.list.queryOptions());

  const update = useMutation(
    trpc.users.update.mutationOptions({
      async onSuccess(user) {
        notifications.show({
          color: "green",
          title: "User saved",
          message: `${user.name}: ${user.disabled ? "disabled" : "active"}, ${user.role}.`,
        });
        await queryClient.invalidateQueries(trpc.users.list.queryFilter());
        if (user.id === me.id) await queryClient.invalidateQueries(trpc.auth.me.queryFilter());
      },
      async onError(error) {
        const stale = errorReason(error) === "stale_version";
        notifications.show({
          color: stale ? "orange" : "red",
          title: stale ? "Someone else saved this user first" : "User not saved",
          message: stale ? "The list is reloaded; apply your change again." : errorMessage(error),
        });
        await queryClient.invalidateQueries(trpc.users.list.queryFilter());
      },
    }),
  );
  const pendingId = update.isPending ? update.variables.id : null;
  const [resetting, setResetting] = useState<UserDTO | null>(null);
  const unlock = useMutation(
    trpc.users.unlock.mutationOptions({
      onSuccess({ user, clearedLocks }) {
        notifications.show({
          color: "green",
          title: "Sign-in unlocked",
          message: clearedLocks
            ? `${user.name} can sign in again from every address; their sessions were ended.`
            : `${user.name} had no sign-in locks; their sessions were ended.`,
        });
      },
      onError(error) {
        notifications.show({ color: "red", title: "Not unlocked", message: errorMessage(error) });
      },
    }),
  );
  const unlockingId = unlock.isPending ? unlock.variables.id : null;
  const change = (user: UserDTO, patch: { role?: UserRole; disabled?: boolean }) =>
    update.mutate({ id: user.id, version: user.version, ...patch });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Users
        </Title>
        <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={create.open}>
          Create user
        </Button>
      </Group>
      <DataTable
        data-testid="users-table"
        minWidth={980}
        tableProps={{ bg: "white", striped: true }}
        {...queryRows(users)}
        rowKey={(user) => user.id}
        errorTitle="Could not load users"
        columns={[
          {
            key: "name",
            header: "Name",
            td: { fw: 500 },
            cell: (user) => (
              <>
                {user.name}
                {user.id === me.id && (
                  <Text span size="xs" c="dimmed">
                    {" "}
                    (you)
                  </Text>
                )}
              </>
            ),
          },
          { key: "email", header: "Email", skeletonWidth: 160, cell: (user) => user.email },
          {
            key: "role",
            header: "Role",
            cell: (user) => (
              <Select
                aria-label={`Role of ${user.name}`}
                data={ROLE_OPTIONS}
                value={user.role}
                allowDeselect={false}
                onChange={(role) => role && role !== user.role && change(user, { role: role as UserRole })}
                disabled={pendingId === user.id}
                w={150}
                size="xs"
              />
            ),
          },
          {
            key: "status",
            header: "Status",
            cell: (user) => <ActiveBadge active={!user.disabled} inactive="Disabled" />,
          },
          {
            key: "login",
            header: "Last sign-in",
            cell: (user) => (
              <Text size="sm" c="dimmed">
                {formatDateTime(user.lastLoginAt)}
              </Text>
            ),
          },
          {
            key: "actions",
            header: "Actions",
            skeletonWidth: 200,
            cell: (user) => (
              <Group gap="xs" wrap="nowrap">
                <Button
                  size="xs"
                  variant="light"
                  color={user.disabled ? "green" : "red"}
                  aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.name}`}
                  loading={pendingId === user.id}
                  onClick={() => change(user, { disabled: !user.disabled })}
                >
                  {user.disabled ? "Enable" : "Disable"}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  aria-label={`Reset the password of ${user.name}`}
                  onClick={() => setResetting(user)}
                >
                  Reset password
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  aria-label={`Unlock sign-in of ${user.name}`}
                  loading={unlockingId === user.id}
                  onClick={() => unlock.mutate({ id: user.id })}
                >
                  Unlock
                </Button>
              </Group>
            ),
          },
        ]}
      />
      <CreateUserModal opened={creating} onClose={create.close} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Stack>
  );
}
