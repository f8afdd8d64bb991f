import { Group, Paper, Title } from "@mantine/core";
import type { ReactNode } from "react";

interface Props {
  title: string;
  children: ReactNode;
  /** Buttons on the right of the title. */
  actions?: ReactNode;
  "data-testid"?: string;
}

/** A titled card that is a landmark region (its accessible name is the title). */
export function Section({ title, children, actions, "data-testid": testId }: Props) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={title} data-testid={testId}>
      <Group justify="space-between" align="center" mb="md" gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}
