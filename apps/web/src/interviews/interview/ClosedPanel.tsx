import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import type { InterviewDTO } from "@shortlist/api";
import { IconRestore } from "@tabler/icons-react";
import { formatDateTime } from "../../lib/format";
import { useMoves } from "./useMoves";

const WHY: Partial<Record<InterviewDTO["status"], string>> = {
  CANCELLED: "This interview was cancelled.",
  EXPIRED: "The candidate's link expired before they finished.",
};

/** CANCELLED or EXPIRED: why, and Reopen (back to preparing, answers kept). */
export function ClosedPanel({ interview, canWrite }: { interview: InterviewDTO; canWrite: boolean }) {
  const { reopen } = useMoves(interview.id);
  return (
    <Alert
      color="red"
      variant="light"
      title={WHY[interview.status] ?? "This interview has ended."}
      data-testid="closed-panel"
    >
      <Stack gap="xs" align="flex-start">
        {interview.endReason && <Text size="sm">Reason: {interview.endReason}</Text>}
        <Text size="sm" c="dimmed">
          {interview.answered} of {interview.plan.length} questions answered
          {interview.completedAt ? ` · ended ${formatDateTime(interview.completedAt)}` : ""}.
        </Text>
        {canWrite && (
          <Group>
            <Button
              size="xs"
              variant="white"
              leftSection={<IconRestore size={14} aria-hidden />}
              loading={reopen.isPending}
              onClick={() => reopen.mutate({ id: interview.id, version: interview.version })}
            >
              Reopen
            </Button>
            <Text size="xs" c="dimmed">
              Back to preparing: edit the plan and send a new link.
            </Text>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
