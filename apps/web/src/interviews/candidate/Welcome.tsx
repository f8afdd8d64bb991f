import { Button, List, Paper, Stack, Text, Title } from "@mantine/core";
import { IconPlayerPlay } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";
import { ActionError } from "../../ui/ErrorState";
import type { CandidateInterview } from "./types";
import { linkGone } from "./useCandidateInterview";
import { timingWords } from "./view";

interface Props {
  token: string;
  interview: CandidateInterview;
  onChange: (next: CandidateInterview) => void;
  /** The link stopped working meanwhile (expired, revoked): read it again. */
  onGone: () => void;
}

/** Before the start: who is asking, how many questions, how long, what happens to the answers; then Start. */
export function Welcome({ token, interview, onChange, onGone }: Props) {
  const trpc = useTRPC();
  const start = useMutation(
    trpc.interviewLink.start.mutationOptions({
      onSuccess: onChange,
      onError: (error) => {
        if (linkGone(error)) onGone();
      },
    }),
  );
  const timing = timingWords(interview.timeLimitsSeconds);
  const count = interview.questionCount;

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="md">
        <Title order={2} size="h4">
          Hello {interview.candidateFirstName}, welcome to your interview
        </Title>
        <Text>
          {interview.interviewerName} will ask you {count} {count === 1 ? "question" : "questions"} about the{" "}
          {interview.jobTitle} role at {interview.company}, one at a time. Answer each in writing; you may also record
          your answer as audio.
        </Text>
        <List spacing="xs" size="sm">
          {timing && <List.Item>Time: {timing}. A clock shows the time left for each question.</List.Item>}
          <List.Item>
            Each answer is saved when you submit it. If you close this page, open the link again to carry on where you
            stopped.
          </List.Item>
          <List.Item>
            Your answers go to the hiring team at {interview.company}. They are scored against what the role needs, and
            a person reviews every score.
          </List.Item>
          <List.Item>
            You can finish early at any time; questions you have not answered then count as unanswered.
          </List.Item>
        </List>
        <ActionError error={start.error} title="The interview did not start" onDismiss={() => start.reset()} />
        <Button
          size="md"
          leftSection={<IconPlayerPlay size={18} aria-hidden />}
          onClick={() => start.mutate({ token })}
          loading={start.isPending}
          style={{ alignSelf: "flex-start" }}
        >
          Start the interview
        </Button>
      </Stack>
    </Paper>
  );
}
