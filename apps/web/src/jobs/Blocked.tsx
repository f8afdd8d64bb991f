import { Tooltip } from "@mantine/core";
import type { MouseEvent, ReactElement } from "react";

/**
 * A control that looks disabled but stays focusable, so its reason shows on hover and on keyboard focus (a
 * disabled button gets neither). Spread onto a Mantine Button or ActionIcon inside <Blocked>.
 */
export function blockedProps(reason: string | null, onClick: () => void) {
  if (!reason) return { onClick };
  return {
    "data-disabled": true,
    "aria-disabled": true,
    onClick: (event: MouseEvent) => event.preventDefault(),
  } as const;
}

/** Shows `reason` on hover and focus of its child when the action is not possible now. */
export function Blocked({ reason, children }: { reason: string | null; children: ReactElement }) {
  return (
    <Tooltip
      label={reason}
      disabled={!reason}
      withArrow
      multiline
      maw={280}
      events={{ hover: true, focus: true, touch: true }}
    >
      {children}
    </Tooltip>
  );
}
