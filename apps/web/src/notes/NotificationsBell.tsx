import {
  ActionIcon,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Skeleton,
  Stack,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { NotificationDTO } from "@shortlist/api";
import { IconBell } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { formatDateTime } from "../lib/format";
import { useTRPC } from "../lib/trpc";
import { Empty } from "../ui/Empty";
import { ErrorState } from "../ui/ErrorState";

/** How often the unread count is asked again while the app is open (and on every return to the tab). */
const POLL_MS = 30_000;

/** The header's bell: the unread count, and a popover with the latest notifications linking to their candidate. */
export function NotificationsBell() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure(false);
  const unread = useQuery(
    trpc.notifications.unreadCount.queryOptions(undefined, {
      refetchInterval: POLL_MS,
      refetchOnWindowFocus: true,
      staleTime: 0,
    }),
  );
  const list = useQuery(
    trpc.notifications.list.queryOptions({ limit: 20 }, { enabled: opened, refetchOnWindowFocus: true, staleTime: 0 }),
  );
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.notifications.unreadCount.queryFilter()),
      queryClient.invalidateQueries(trpc.notifications.list.pathFilter()),
    ]);
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: refresh }));
  const markAllRead = useMutation(trpc.notifications.markAllRead.mutationOptions({ onSuccess: refresh }));

  const count = unread.data?.unread ?? 0;
  const open = async (notification: NotificationDTO) => {
    close();
    if (!notification.readAt) markRead.mutate({ ids: [notification.id] });
    await navigate(`/candidates/${notification.candidate.id}`);
  };

  return (
    <Popover opened={opened} onChange={(o) => (o ? undefined : close())} position="bottom-end" width={360} shadow="md">
      <Popover.Target>
        <Indicator label={count > 99 ? "99+" : count} size={16} disabled={count === 0} offset={4} color="red">
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={toggle}
            aria-label={count ? `Notifications: ${count} unread` : "Notifications"}
            aria-expanded={opened}
            data-testid="notifications-bell"
          >
            <IconBell size={20} aria-hidden />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="notifications-popover">
        <Group justify="space-between" px="sm" py="xs">
          <Text fw={600} size="sm">
            Notifications
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={count === 0}
            loading={markAllRead.isPending}
            onClick={() => markAllRead.mutate()}
          >
            Mark all read
          </Button>
        </Group>
        <ScrollArea.Autosize mah={400}>
          {list.isError ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />
          ) : !list.data ? (
            <Stack p="sm" gap="xs" aria-busy>
              <Skeleton h={36} />
              <Skeleton h={36} />
            </Stack>
          ) : list.data.items.length === 0 ? (
            <Empty title="Nothing new" description="You will see here when someone mentions you." />
          ) : (
            <Stack gap={0} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
              {list.data.items.map((n) => (
                <li key={n.id}>
                  <UnstyledButton
                    w="100%"
                    px="sm"
                    py="xs"
                    bg={n.readAt ? undefined : "indigo.0"}
                    onClick={() => void open(n)}
                    data-testid="notification"
                    data-unread={n.readAt ? undefined : true}
                  >
                    <Text size="sm">
                      <Text span fw={600}>
                        {n.actor?.name ?? "Someone"}
                      </Text>{" "}
                      mentioned you on{" "}
                      <Text span fw={600}>
                        {n.candidate.name}
                      </Text>
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(n.createdAt)}
                    </Text>
                  </UnstyledButton>
                </li>
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
