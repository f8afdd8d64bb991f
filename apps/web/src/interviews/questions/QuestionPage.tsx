import { Badge, Grid, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { QuestionDTO } from "@shortlist/api";
import { IconListCheck } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import { count, formatDateTime, percent } from "../../lib/format";
import { useHasRole } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { Forbidden } from "../../ui/Forbidden";
import { BackLink, RecordPage } from "../../ui/RecordPage";
import { scoreColor } from "../parts/labels";
import { QuestionForm } from "./QuestionForm";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BACK = { to: "/questions", label: "Question bank" };

/** `/questions/new` (writers) and `/questions/:id`: the question's editor, read-only for viewers and reviewers. */
export default function QuestionPage() {
  const { id = "" } = useParams();
  const canRead = useHasRole("members");
  const canEdit = useHasRole("writers");
  if (!canRead) return <Forbidden what="the question bank" />;
  if (id === "new") {
    if (!canEdit) return <Forbidden what="the question form" />;
    return (
      <Stack gap="md" maw={900}>
        <BackLink {...BACK} />
        <Title order={1} size="h2">
          New question
        </Title>
        <QuestionForm canEdit />
      </Stack>
    );
  }
  return <ExistingQuestion id={id} canEdit={canEdit} />;
}

function ExistingQuestion({ id, canEdit }: { id: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const validId = UUID.test(id);
  const question = useQuery(trpc.questions.get.queryOptions({ id }, { enabled: validId }));
  return (
    <RecordPage
      validId={validId}
      query={question}
      back={BACK}
      notFound={{
        title: "No such question",
        description: "It may have been removed from the bank.",
        icon: <IconListCheck aria-hidden />,
      }}
      errorTitle="Could not load this question"
      skeleton={[120, 300, 200]}
    >
      {(q) => (
        <Stack gap="md">
          <BackLink {...BACK} />
          <Group gap="sm">
            <Title order={1} size="h2">
              Question
            </Title>
            {q.starter && (
              <Badge variant="light" color="gray">
                Starter bank
              </Badge>
            )}
            {!q.active && (
              <Badge variant="light" color="gray">
                Retired
              </Badge>
            )}
          </Group>
          {!canEdit && (
            <Text size="sm" c="dimmed">
              Recruiters and admins change questions.
            </Text>
          )}
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              {/* Keyed by version: a save, or a reload after someone else's, loads the saved question afresh. */}
              <QuestionForm key={`${q.id}:${q.version}`} question={q} canEdit={canEdit} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Usage question={q} />
            </Grid.Col>
          </Grid>
        </Stack>
      )}
    </RecordPage>
  );
}

/** How the question has been used: times asked, mean score, how well the built-in scores agree with reviewers'. */
function Usage({ question }: { question: QuestionDTO }) {
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h5">
          Use
        </Title>
        <Text size="sm" data-testid="question-times-asked">
          Asked {question.timesAsked === 1 ? "once" : `${count(question.timesAsked)} times`}
        </Text>
        <Group gap="xs">
          <Text size="sm">Mean score</Text>
          {question.meanScore === null ? (
            <Text size="sm" c="dimmed">
              none yet
            </Text>
          ) : (
            <Badge color={scoreColor(question.meanScore)} variant="light">
              {Math.round(question.meanScore)}
            </Badge>
          )}
        </Group>
        <Agreement questionId={question.id} />
        <Text size="xs" c="dimmed">
          {question.author ? `Written by ${question.author.name}` : question.starter ? "Ships with Shortlist" : ""}
          {" · "}Updated {formatDateTime(question.updatedAt)}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The rubric agreement figure, when reviewers have overridden scores; nothing at all when it cannot be read. */
function Agreement({ questionId }: { questionId: string }) {
  const trpc = useTRPC();
  const agreement = useQuery(
    trpc.interviews.rubricAgreement.queryOptions({ questionIds: [questionId] }, { retry: false }),
  );
  const row = agreement.data?.find((r) => r.questionId === questionId);
  if (!row) return null;
  if (row.overrides === 0 || row.agreement === null) {
    return (
      <Text size="sm" c="dimmed" data-testid="rubric-agreement">
        Rubric agreement: no reviewer has overridden a score yet
      </Text>
    );
  }
  return (
    <Text size="sm" data-testid="rubric-agreement">
      Rubric agreement: {percent(row.agreement)} of {count(row.overrides)} override
      {row.overrides === 1 ? "" : "s"} within 10 points
      {row.meanAbsoluteDifference !== null && ` (mean difference ${row.meanAbsoluteDifference} points)`}
    </Text>
  );
}
