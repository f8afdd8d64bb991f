import { Box, Container, Stack } from "@mantine/core";
import type { ReactNode } from "react";

/** The applicants' pages: no navigation, no sign-in; one column that fits a 375 px wide phone. */
export function PublicFrame({ children }: { children: ReactNode }) {
  return (
    <Box bg="gray.0" mih="100dvh">
      <Container size={720} px="md" py="lg" component="main">
        <Stack gap="lg">{children}</Stack>
      </Container>
    </Box>
  );
}
