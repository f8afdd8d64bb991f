import { AppShell, Burger, Button, Group, NavLink, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { hasRole } from "@shortlist/api/schemas";
import { IconLogout } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Suspense, type ReactNode } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { errorMessage } from "../lib/errors";
import { forgetOtherQueries } from "../lib/queries";
import { useSession } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { NotificationsBell } from "../notes";
import { PageLoader } from "../ui/PageLoader";
import { modules } from "./modules";
import { UserMenu } from "./UserMenu";

const navEntries = modules.flatMap((m) => m.nav);

export function Layout({ children }: { children: ReactNode }) {
  const user = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const items = navEntries.filter((entry) => !entry.roles || hasRole(user.role, entry.roles));

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Text component={Link} to="/" fw={800} size="lg" c="indigo.7" td="none">
              Shortlist
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NotificationsBell />
            <UserMenu visibleFrom="xs" />
            <SignOutButton />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Main navigation">
        {/* On phones the header has no room for who is signed in; the drawer says it. */}
        <Group hiddenFrom="xs" mb="sm" px="xs">
          <UserMenu />
        </Group>
        <Stack gap={4}>
          {items.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              leftSection={item.icon}
              active={pathname === item.to || (item.to !== "/" && pathname.startsWith(`${item.to}/`))}
              onClick={close}
            />
          ))}
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">
        <Suspense fallback={<PageLoader />}>{children}</Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

function SignOutButton() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      async onSuccess() {
        notifications.clean();
        await navigate("/", { replace: true });
        // auth.me now answers UNAUTHORIZED, and the session guard shows the sign-in screen.
        await queryClient.resetQueries(trpc.auth.me.queryFilter());
        forgetOtherQueries(queryClient);
      },
      onError(error) {
        notifications.show({ color: "red", title: "Could not sign out", message: errorMessage(error) });
      },
    }),
  );
  return (
    <Button
      variant="default"
      size="xs"
      leftSection={<IconLogout size={14} aria-hidden />}
      onClick={() => logout.mutate()}
      loading={logout.isPending}
    >
      Sign out
    </Button>
  );
}
