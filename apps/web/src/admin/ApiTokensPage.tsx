import { Badge, Button, Code, Group, Modal, Paper, Skeleton, Stack, Switch, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { ApiTokenDTO } from "@shortlist/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { canUseApiTokens, isAdmin, useSession } from "../auth/session";
import { useTRPC } from "../trpc";
import { Empty } from "../ui/Empty";
import { QueryContent } from "../ui/QueryContent";
import { FormError } from "../ui/ErrorState";
import { Forbidden } from "../ui/Forbidden";
import { formatDateTime } from "../ui/format";
import { CreateTokenForm } from "./CreateTokenForm";

export default function ApiTokensPage() {
  const me = useSession();
  if (!canUseApiTokens(me.role)) return <Forbidden what="API tokens" />;
  return <ApiTokens />;
}

function ApiTokens() {
  const trpc = useTRPC();
  const me = useSession();
  const queryClient = useQueryClient();
  const [all, setAll] = useState(false);
  const [revoking, setRevoking] = useState<ApiTokenDTO | null>(null);
  const showAll = all && isAdmin(me.role);
  const tokens = useQuery(trpc.apiTokens.list.queryOptions({ all: showAll }));

  const revoke = useMutation(
    trpc.apiTokens.revoke.mutationOptions({
      async onSuccess(token) {
        setRevoking(null);
        notifications.show({ color: "green", title: "Token revoked", message: `“${token.name}” no longer works.` });
        await queryClient.invalidateQueries(trpc.apiTokens.list.pathFilter());
      },
    }),
  );
  const columns = ["Name", "Starts with", ...(showAll ? ["Owner"] : []), "Created", "Last used", "Status", "Actions"];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            API tokens
          </Title>
          <Text size="sm" c="dimmed">
            Tokens let scripts and the command-line client act as you.
          </Text>
        </div>
        {isAdmin(me.role) && (
          <Switch label="Show everyone's tokens" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
        )}
      </Group>
      <Paper withBorder p="md" radius="md">
        <CreateTokenForm />
      </Paper>

      <QueryContent
        query={tokens}
        loading={<Skeleton h={120} />}
        errorTitle="Could not load tokens"
        empty={<Empty title="No API tokens yet" description="Create one above for each script that calls Shortlist." />}
      >
        {(list) => (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" bg="white" striped data-testid="api-tokens-table">
              <Table.Thead>
                <Table.Tr>
                  {columns.map((c) => (
                    <Table.Th key={c} scope="col">
                      {c}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((token) => (
                  <Table.Tr key={token.id}>
                    <Table.Td fw={500}>{token.name}</Table.Td>
                    <Table.Td>
                      <Code>{token.prefix}…</Code>
                    </Table.Td>
                    {showAll && <Table.Td>{token.owner.email}</Table.Td>}
                    <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                    <Table.Td>{formatDateTime(token.lastUsedAt)}</Table.Td>
                    <Table.Td>
                      <Badge color={token.revokedAt ? "gray" : "green"} variant="light">
                        {token.revokedAt ? "Revoked" : "Active"}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {!token.revokedAt && (
                        <Button
                          size="xs"
                          color="red"
                          variant="light"
                          aria-label={`Revoke ${token.name}`}
                          onClick={() => setRevoking(token)}
                        >
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryContent>

      <Modal
        opened={revoking !== null}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        title="Revoke this token?"
      >
        <Stack>
          <Text size="sm">
            Scripts using “{revoking?.name}” ({revoking?.prefix}…) will be refused from now on. This cannot be undone.
          </Text>
          <FormError error={revoke.error} title="Not revoked" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() => revoking && revoke.mutate({ id: revoking.id })}
            >
              Revoke token
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
