import { EmptyState } from "@mantine/core";
import type { ReactNode } from "react";

interface Props {
  title: string;
  description?: ReactNode;
  icon?: ReactNode;
  children?: ReactNode;
}

/** The one look for "nothing here (yet)". */
export function Empty({ title, description, icon, children }: Props) {
  return (
    <EmptyState py="xl" title={title} description={description} icon={icon} variant={icon ? "light" : undefined}>
      {children}
    </EmptyState>
  );
}
