import { Badge, Group, Menu, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconChevronDown, IconLock } from "@tabler/icons-react";
import { ROLE_LABEL, useSession } from "../lib/session";
import { ChangePasswordModal } from "./ChangePasswordModal";

/** Who is signed in, opening a menu of what they can do to their own account. */
export function UserMenu({ visibleFrom }: { visibleFrom?: "xs" }) {
  const user = useSession();
  const [changing, changePassword] = useDisclosure(false);
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <UnstyledButton visibleFrom={visibleFrom} aria-label={`Account menu of ${user.name}`}>
            <Group gap={6} wrap="nowrap" data-testid="current-user">
              <Text size="sm" fw={500}>
                {user.name}
              </Text>
              <Badge variant="light" size="sm">
                {ROLE_LABEL[user.role]}
              </Badge>
              <IconChevronDown size={14} aria-hidden />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{user.email}</Menu.Label>
          <Menu.Item leftSection={<IconLock size={14} aria-hidden />} onClick={changePassword.open}>
            Change password
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={changing} onClose={changePassword.close} />
    </>
  );
}
