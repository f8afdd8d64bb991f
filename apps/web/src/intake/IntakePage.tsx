import { Button, Grid, Group, Stack, Text, Title } from "@mantine/core";
import { IconExternalLink, IconReportAnalytics } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { Link } from "react-router";
import { ChatPanel } from "../conversations";
import { formatDate } from "../lib/format";
import { useTRPC } from "../lib/trpc";
import { BackLink } from "../ui/RecordPage";
import { BACK_TO_INTAKES } from "./back";
import { IntakeRecord } from "./IntakeRecord";
import { ProfilePanel } from "./ProfilePanel";
import type { Intake } from "./types";

export default function IntakePage() {
  return (
    <IntakeRecord what="vacancy intakes" skeleton={[480]}>
      {(view) => <IntakeScreen key={view.session.id} view={view} />}
    </IntakeRecord>
  );
}

/** The chat beside the live profile: every message the chat stores may have filled a field, so both are re-read. */
function IntakeScreen({ view }: { view: Intake }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { session } = view;
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries(trpc.intake.profile.queryFilter({ jobId: session.jobId }));
    void queryClient.invalidateQueries(trpc.intake.get.queryFilter({ id: session.id }));
    void queryClient.invalidateQueries(trpc.intake.list.pathFilter());
  }, [queryClient, trpc, session.jobId, session.id]);

  return (
    <Stack gap="md">
      <BackLink {...BACK_TO_INTAKES} />
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {session.jobTitle}
          </Title>
          <Text size="sm" c="dimmed">
            Intake for “{session.profession}” · started {formatDate(session.createdAt)}
          </Text>
        </div>
        <Group gap="xs">
          <Button
            component={Link}
            to={`/jobs/${session.jobId}`}
            variant="default"
            leftSection={<IconExternalLink size={16} aria-hidden />}
          >
            Open job
          </Button>
          <Button
            component={Link}
            to={`/intake/${session.id}/report`}
            leftSection={<IconReportAnalytics size={16} aria-hidden />}
          >
            Vacancy report
          </Button>
        </Group>
      </Group>
      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <ChatPanel conversationId={session.conversationId} onMessage={refresh} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <ProfilePanel jobId={session.jobId} initial={view.profile} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
