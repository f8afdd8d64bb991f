import { Alert, Paper, Stack, Text, Timeline, Title } from "@mantine/core";
import type { ApplicationStatusDto } from "@shortlist/api";
import { IconCircleCheck, IconCircleDashed, IconInfoCircle } from "@tabler/icons-react";
import { formatDateTime } from "../../lib/format";
import { outcomeWords, STAGES } from "./application";

/** Where the application is (received, in review, decided) and, once published, the outcome in words. */
export function StatusCard({ status }: { status: ApplicationStatusDto }) {
  const current = STAGES.findIndex((s) => s.stage === status.stage);
  const outcome = outcomeWords(status.outcome);
  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md" role="region" aria-label="Your application">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3">
            {status.cycleName}
          </Title>
          <Text size="sm" c="dimmed">
            Submitted {formatDateTime(status.submittedAt)}
          </Text>
        </div>
        <Text data-testid="application-stage">
          Stage: <strong>{STAGES[current]?.label ?? status.stage}</strong>
        </Text>
        <Timeline active={current} bulletSize={24} lineWidth={2} aria-label="Stages">
          {STAGES.map((stage, index) => (
            <Timeline.Item
              key={stage.stage}
              title={stage.label}
              aria-current={index === current ? "step" : undefined}
              bullet={
                index <= current ? (
                  <IconCircleCheck size={14} aria-hidden />
                ) : (
                  <IconCircleDashed size={14} aria-hidden />
                )
              }
            >
              {index === current && (
                <Text size="sm" c="dimmed">
                  {stage.words}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
        {outcome ? (
          <Alert
            color={status.outcome === "selected" ? "teal" : "gray"}
            variant="light"
            title={outcome.title}
            data-testid="application-outcome"
          >
            {outcome.words}
          </Alert>
        ) : (
          status.stage === "decided" && (
            <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} title="Outcome not yet published">
              The outcome will show here once it is published.
            </Alert>
          )
        )}
      </Stack>
    </Paper>
  );
}
