import { Button, Code, Group, Modal, Paper, Stack, Switch, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { ApiTokenDTO } from "@shortlist/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime } from "../lib/format";
import { useHasRole } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { ActiveBadge } from "../ui/ActiveBadge";
import { DataTable, queryRows } from "../ui/DataTable";
import { Empty } from "../ui/Empty";
import { FormError } from "../ui/ErrorState";
import { FormActions } from "../ui/FormActions";
import { Forbidden } from "../ui/Forbidden";
import { CreateTokenForm } from "./CreateTokenForm";

export default function ApiTokensPage() {
  if (!useHasRole("members")) return <Forbidden what="API tokens" />;
  return <ApiTokens />;
}

function ApiTokens() {
  const trpc = useTRPC();
  const admin = useHasRole("admin");
  const queryClient = useQueryClient();
  const [all, setAll] = useState(false);
  const [revoking, setRevoking] = useState<ApiTokenDTO | null>(null);
  const showAll = all && admin;
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
        {admin && (
          <Switch label="Show everyone's tokens" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
        )}
      </Group>
      <Paper withBorder p="md" radius="md">
        <CreateTokenForm />
      </Paper>

      <DataTable
        data-testid="api-tokens-table"
        minWidth={760}
        tableProps={{ bg: "white", striped: true }}
        {...queryRows(tokens)}
        rowKey={(token) => token.id}
        errorTitle="Could not load tokens"
        empty={<Empty title="No API tokens yet" description="Create one above for each script that calls Shortlist." />}
        columns={[
          { key: "name", header: "Name", td: { fw: 500 }, cell: (token) => token.name },
          { key: "prefix", header: "Starts with", cell: (token) => <Code>{token.prefix}…</Code> },
          showAll && { key: "owner", header: "Owner", cell: (token) => token.owner.email },
          { key: "created", header: "Created", cell: (token) => formatDateTime(token.createdAt) },
          { key: "used", header: "Last used", cell: (token) => formatDateTime(token.lastUsedAt) },
          {
            key: "status",
            header: "Status",
            cell: (token) => <ActiveBadge active={!token.revokedAt} inactive="Revoked" />,
          },
          {
            key: "actions",
            header: "Actions",
            cell: (token) =>
              !token.revokedAt && (
                <Button
                  size="xs"
                  color="red"
                  variant="light"
                  aria-label={`Revoke ${token.name}`}
                  onClick={() => setRevoking(token)}
                >
                  Revoke
                </Button>
              ),
          },
        ]}
      />

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
          <FormActions
            onCancel={() => setRevoking(null)}
            color="red"
            loading={revoke.isPending}
            onClick={() => revoking && revoke.mutate({ id: revoking.id })}
          >
            Revoke token
          </FormActions>
        </Stack>
      </Modal>
    </Stack>
  );
}
