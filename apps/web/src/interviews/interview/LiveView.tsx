import { Grid, Group, Paper, Progress, ScrollArea, Skeleton, Stack, Text } from "@mantine/core";
import type { InterviewDTO } from "@shortlist/api";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { formatDateTime } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { ErrorState } from "../../ui/ErrorState";
import { Section } from "../../ui/Section";
import { durationLabel } from "../parts/labels";
import { QuestionFacts } from "./QuestionFacts";

/** How often the conversation is read again while the interview runs (ms); the page re-reads the interview too. */
const POLL_MS = 4_000;

/** IN_PROGRESS: progress, the question being answered with its time left, and (writers) the conversation so far. */
export function LiveView({ interview, canWrite }: { interview: InterviewDTO; canWrite: boolean }) {
  const plan = [...interview.plan].sort((a, b) => a.position - b.position);
  const planned = plan.length;
  const current = plan[interview.currentIndex] ?? null;
  return (
    <Section title="Live" data-testid="live-view">
      <Stack gap="md">
        <div>
          <Group justify="space-between" mb={4}>
            <Text size="sm" fw={500} aria-live="polite" data-testid="live-progress">
              {interview.answered} of {planned} answered
            </Text>
            {interview.startedAt && (
              <Text size="xs" c="dimmed">
                Started {formatDateTime(interview.startedAt)}
              </Text>
            )}
          </Group>
          <Progress
            value={planned ? (interview.answered / planned) * 100 : 0}
            aria-label="Questions answered"
            size="lg"
          />
        </div>
        <Grid gap="lg" align="flex-start">
          <Grid.Col span={{ base: 12, lg: 5 }}>
            {current ? (
              <Paper withBorder p="sm" data-testid="live-current">
                <Stack gap={6}>
                  <Group justify="space-between">
                    <Text size="sm" fw={500}>
                      Question {interview.currentIndex + 1} of {planned}
                    </Text>
                    <TimeLeft askedAt={current.askedAt} limitSeconds={current.timeLimitSeconds} />
                  </Group>
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                    {current.text}
                  </Text>
                  <QuestionFacts question={current} />
                </Stack>
              </Paper>
            ) : (
              <Text size="sm" c="dimmed">
                Every question has been asked; the interview completes with the last answer.
              </Text>
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            {!canWrite ? (
              <Text size="sm" c="dimmed">
                Recruiters follow the conversation here.
              </Text>
            ) : interview.conversationId ? (
              <Transcript conversationId={interview.conversationId} candidateName={interview.candidate.name} />
            ) : (
              <Text size="sm" c="dimmed">
                The conversation has not started yet.
              </Text>
            )}
          </Grid.Col>
        </Grid>
      </Stack>
    </Section>
  );
}

/** Seconds left on the question, counted from when it was asked, ticking each second. */
function TimeLeft({ askedAt, limitSeconds }: { askedAt: Date | null; limitSeconds: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  if (!askedAt)
    return (
      <Text size="xs" c="dimmed">
        {durationLabel(limitSeconds)} to answer
      </Text>
    );
  const left = Math.round((askedAt.getTime() + limitSeconds * 1_000 - now) / 1_000);
  return (
    <Text size="sm" c={left > 0 ? undefined : "red"} data-testid="live-time-left">
      {left > 0 ? `${durationLabel(left)} left` : `Over time by ${durationLabel(-left)}`}
    </Text>
  );
}

/** The conversation so far, read-only (the recruiter watches; only the candidate's page writes to it). */
function Transcript({ conversationId, candidateName }: { conversationId: string; candidateName: string }) {
  const trpc = useTRPC();
  const view = useQuery(trpc.conversations.get.queryOptions({ id: conversationId }, { refetchInterval: POLL_MS }));
  const viewport = useRef<HTMLDivElement>(null);
  const messages = view.data?.messages.filter((m) => m.role === "user" || m.role === "assistant");
  const last = messages?.at(-1);
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [messages?.length, last?.content.length]);

  if (view.error && !view.data) {
    return (
      <ErrorState
        error={view.error}
        title="Could not load the conversation"
        onRetry={() => void view.refetch()}
        retrying={view.isFetching}
      />
    );
  }
  if (!view.data || !messages) return <Skeleton h={360} aria-label="Loading the conversation" />;
  const interviewer = view.data.conversation.persona.name;
  return (
    <ScrollArea h={420} viewportRef={viewport} type="auto" offsetScrollbars>
      <Stack gap="sm" p="xs" role="log" aria-label="Conversation" aria-live="polite" data-testid="live-transcript">
        {messages.length === 0 && (
          <Text size="sm" c="dimmed">
            No messages yet.
          </Text>
        )}
        {messages.map((m) => (
          <Paper
            key={m.id}
            p="xs"
            radius="md"
            bg={m.role === "user" ? "blue.0" : "gray.0"}
            ml={m.role === "user" ? "xl" : 0}
            mr={m.role === "user" ? 0 : "xl"}
            data-role={m.role}
          >
            <Text size="xs" c="dimmed" fw={500}>
              {m.role === "user" ? candidateName : interviewer}
            </Text>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {m.content || (m.status === "pending" || m.status === "streaming" ? "…" : "")}
            </Text>
          </Paper>
        ))}
      </Stack>
    </ScrollArea>
  );
}
