import { Button, Group, type ButtonProps } from "@mantine/core";
import type { ReactNode } from "react";

interface Props extends ButtonProps {
  onCancel: () => void;
  /** The main button's label. */
  children: ReactNode;
  /** Without it the main button submits its form. */
  onClick?: () => void;
}

/** A form's or a dialog's buttons: Cancel, then the main one (props such as `loading`, `color`, `disabled`). */
export function FormActions({ onCancel, children, onClick, ...main }: Props) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type={onClick ? "button" : "submit"} onClick={onClick} {...main}>
        {children}
      </Button>
    </Group>
  );
}
