import { Avatar, Group, Loader, Paper, Stack, Text } from "@mantine/core";
import type { InterviewMessage } from "./types";

interface Props {
  messages: InterviewMessage[];
  interviewerName: string;
  typing: boolean;
  /** The connection fails while waiting for the interviewer (retried on its own). */
  troubled: boolean;
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");

/** The interview so far as a chat: the interviewer on the left, the candidate's answers on the right. */
export function Conversation({ messages, interviewerName, typing, troubled }: Props) {
  // Replies still being written are shown by the typing line, not as empty bubbles.
  const shown = messages.filter((m) => m.content.trim() !== "" || m.status === "failed");
  return (
    <Stack gap="md">
      {/* role="log": a screen reader reads each new message as it is added. */}
      <Stack gap="md" role="log" aria-label="Interview conversation" data-testid="interview-conversation">
        {shown.map((message) => (
          <Bubble key={message.seq} message={message} interviewerName={interviewerName} />
        ))}
      </Stack>
      {typing && (
        <Group gap="xs" role="status" data-testid="interviewer-typing">
          <Loader size="xs" type="dots" aria-hidden />
          <Text size="sm" c="dimmed">
            {troubled
              ? `Waiting for ${interviewerName}: the connection is failing, trying again…`
              : `${interviewerName} is typing…`}
          </Text>
        </Group>
      )}
    </Stack>
  );
}

function Bubble({ message, interviewerName }: { message: InterviewMessage; interviewerName: string }) {
  const mine = message.role === "user";
  const failed = message.status === "failed" && !message.content;
  return (
    <Group
      justify={mine ? "flex-end" : "flex-start"}
      align="flex-start"
      wrap="nowrap"
      gap="xs"
      data-testid="interview-message"
      data-role={message.role}
    >
      {!mine && (
        <Avatar radius="xl" size="md" color="indigo" aria-hidden>
          {initials(interviewerName)}
        </Avatar>
      )}
      <Paper
        px="md"
        py="xs"
        radius="lg"
        withBorder={!mine}
        bg={mine ? "indigo.6" : "white"}
        c={mine ? "white" : undefined}
        maw="85%"
      >
        <Text size="xs" fw={600} c={mine ? "indigo.0" : "dimmed"}>
          {mine ? "You" : interviewerName}
        </Text>
        <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {failed ? "This message did not come through. The question to answer is shown below." : message.content}
        </Text>
      </Paper>
    </Group>
  );
}
