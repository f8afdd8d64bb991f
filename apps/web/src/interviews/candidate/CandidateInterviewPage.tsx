import { Alert, Box, Container, Group, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconCircleCheck, IconLinkOff } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useParams } from "react-router";
import { errorMessage } from "../../lib/errors";
import { ErrorState } from "../../ui/ErrorState";
import { PageLoader } from "../../ui/PageLoader";
import { InterviewRoom } from "./InterviewRoom";
import type { CandidateInterview } from "./types";
import { linkGone, useCandidateInterview } from "./useCandidateInterview";
import { closedWords, pageState } from "./view";
import { Welcome } from "./Welcome";

/**
 * The candidate's interview, opened from the emailed link (public: the token in the URL is the only key). Shows
 * nothing of the recruiter's side: the job, the company, the interviewer's name, the questions and the answers.
 */
export default function CandidateInterviewPage() {
  const { token = "" } = useParams();
  const { open, apply, reload, invalid } = useCandidateInterview(token);
  const interview = open.data;
  const shown = interview && pageState(interview) !== "closed" ? interview : null;
  useDocumentTitle(shown ? `Interview: ${shown.jobTitle} at ${shown.company}` : "Your interview");

  if (invalid) return <Closed words={invalid} />;
  // Also when an earlier answer is still cached: the link stopped working since (expired, revoked).
  if (open.error && linkGone(open.error)) return <Closed words={errorMessage(open.error)} />;
  if (open.error && !interview) {
    return (
      <Frame>
        <ErrorState
          error={open.error}
          title="Your interview could not be loaded"
          onRetry={reload}
          retrying={open.isFetching}
        />
      </Frame>
    );
  }
  if (!interview) return <PageLoader label="Opening your interview" />;

  const state = pageState(interview);
  if (state === "closed") return <Closed words={closedWords(interview.status, interview.closedReason)} />;
  return (
    <Frame interview={interview}>
      {state === "welcome" && <Welcome token={token} interview={interview} onChange={apply} onGone={reload} />}
      {state === "in_progress" && (
        <InterviewRoom token={token} interview={interview} onChange={apply} onGone={reload} />
      )}
      {state === "done" && <Done interview={interview} />}
    </Frame>
  );
}

/** The page's frame: the job and company on top, nothing to navigate to. Fits a 375 px wide phone. */
function Frame({ interview, children }: { interview?: CandidateInterview; children: ReactNode }) {
  return (
    <Box bg="gray.0" mih="100dvh">
      <Container size={720} px="md" py="lg" component="main">
        <Stack gap="lg">
          {interview && (
            <Box component="header">
              <Text size="sm" c="dimmed">
                {interview.company}
              </Text>
              <Title order={1} size="h3">
                Interview: {interview.jobTitle}
              </Title>
            </Box>
          )}
          {children}
        </Stack>
      </Container>
    </Box>
  );
}

function Closed({ words }: { words: string }) {
  return (
    <Frame>
      <Title order={1} size="h3">
        Your interview
      </Title>
      <Alert color="orange" variant="light" title="This link cannot be used" icon={<IconLinkOff aria-hidden />}>
        {words}
      </Alert>
    </Frame>
  );
}

function Done({ interview }: { interview: CandidateInterview }) {
  return (
    <Stack gap="sm" role="status" data-testid="interview-done">
      <Group gap="xs" wrap="nowrap">
        <IconCircleCheck size={28} color="var(--mantine-color-teal-6)" aria-hidden />
        <Title order={2} size="h3">
          Thank you, {interview.candidateFirstName}
        </Title>
      </Group>
      <Text>
        Your interview is complete: {interview.answered} of {interview.questionCount}{" "}
        {interview.questionCount === 1 ? "question" : "questions"} answered. Your answers are with the hiring team at{" "}
        {interview.company}, who will be in touch about the next steps.
      </Text>
      <Text size="sm" c="dimmed">
        You can close this page.
      </Text>
    </Stack>
  );
}
