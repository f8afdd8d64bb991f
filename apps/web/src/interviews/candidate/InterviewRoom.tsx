import { Group, Paper, Progress, Stack, Text, Title } from "@mantine/core";
import { AnswerForm } from "./AnswerForm";
import { Conversation } from "./Conversation";
import { Countdown } from "./Countdown";
import { FinishButton } from "./FinishButton";
import type { CandidateInterview } from "./types";
import { useInterviewerTurn } from "./useInterviewerTurn";
import { interviewerTyping } from "./view";

interface Props {
  token: string;
  interview: CandidateInterview;
  onChange: (next: CandidateInterview) => void;
  /** Read the interview again (the link closed, or the server moved on without us). */
  onGone: () => void;
}

/** The interview in progress: the conversation, the current question with its clock, the answer box. */
export function InterviewRoom({ token, interview, onChange, onGone }: Props) {
  const { troubled } = useInterviewerTurn(token, interview, onChange, onGone);
  const { current, questionCount, answered } = interview;
  const typing = interviewerTyping(interview);

  return (
    <Stack gap="lg">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Stack gap={4} style={{ flex: 1, minWidth: 180 }}>
          <Text size="sm" c="dimmed" id="interview-progress-label">
            {answered} of {questionCount} answered
          </Text>
          <Progress
            value={questionCount ? (answered / questionCount) * 100 : 0}
            aria-labelledby="interview-progress-label"
            size="sm"
          />
        </Stack>
        <FinishButton token={token} interview={interview} onChange={onChange} onGone={onGone} />
      </Group>

      <Conversation
        messages={interview.messages}
        interviewerName={interview.interviewerName}
        typing={typing}
        troubled={troubled}
      />

      {current ? (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="current-question-title">
          <Stack gap="sm">
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Title order={2} size="h5" id="current-question-title">
                Question {current.position + 1} of {questionCount}
              </Title>
              <Countdown secondsLeft={current.secondsLeft} syncedWith={interview} onElapsed={onGone} />
            </Group>
            <Text style={{ whiteSpace: "pre-wrap" }} data-testid="current-question">
              {current.text}
            </Text>
            <AnswerForm
              key={current.id}
              token={token}
              question={current}
              interviewerTyping={typing}
              interviewerName={interview.interviewerName}
              onChange={onChange}
              onGone={onGone}
            />
          </Stack>
        </Paper>
      ) : (
        <Text c="dimmed" role="status">
          Waiting for the next question…
        </Text>
      )}
    </Stack>
  );
}
