import { Badge, Button, Group, Select, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import type { UserDTO } from "@shortlist/api";
import type { UserRole } from "@shortlist/api/schemas";
import { IconUserPlus } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { isAdmin, useSession } from "../auth/session";
import { useTRPC } from "../trpc";
import { ErrorState } from "../ui/ErrorState";
import { errorMessage, isStaleVersion } from "../ui/errors";
import { Forbidden } from "../ui/Forbidden";
import { formatDateTime } from "../ui/format";
import { CreateUserModal, ROLE_OPTIONS } from "./CreateUserModal";
import { ResetPasswordModal } from "./ResetPasswordModal";

export default function UsersPage() {
  const me = useSession();
  if (!isAdmin(me.role)) return <Forbidden what="the users" />;
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
        const stale = isStaleVersion(error);
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
      {users.isError ? (
        <ErrorState
          error={users.error}
          title="Could not load users"
          onRetry={() => void users.refetch()}
          retrying={users.isFetching}
        />
      ) : (
        <Table.ScrollContainer minWidth={980}>
          <Table verticalSpacing="sm" bg="white" striped data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                {["Name", "Email", "Role", "Status", "Last sign-in", "Actions"].map((c) => (
                  <Table.Th key={c} scope="col">
                    {c}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.isPending
                ? [0, 1, 2].map((i) => (
                    <Table.Tr key={i}>
                      <Table.Td colSpan={6}>
                        <Skeleton h={14} />
                      </Table.Td>
                    </Table.Tr>
                  ))
                : users.data.map((user) => (
                    <Table.Tr key={user.id}>
                      <Table.Td fw={500}>
                        {user.name}
                        {user.id === me.id && (
                          <Text span size="xs" c="dimmed">
                            {" "}
                            (you)
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{user.email}</Table.Td>
                      <Table.Td>
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
                      </Table.Td>
                      <Table.Td>
                        <Badge color={user.disabled ? "gray" : "green"} variant="light">
                          {user.disabled ? "Disabled" : "Active"}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {formatDateTime(user.lastLoginAt)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
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
                      </Table.Td>
                    </Table.Tr>
                  ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateUserModal opened={creating} onClose={create.close} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Stack>
  );
}
