import { Badge } from "@mantine/core";

/** "Active" in green, or `inactive` (e.g. "Disabled", "Revoked") in grey. */
export function ActiveBadge({ active, inactive }: { active: boolean; inactive: string }) {
  return (
    <Badge color={active ? "green" : "gray"} variant="light">
      {active ? "Active" : inactive}
    </Badge>
  );
}
