import { Badge, Button, Grid, Group, Kbd, Stack, Table, Text, Title } from "@mantine/core";
import type { AnonymizedApplicationDto, CycleDto } from "@shortlist/api";
import { PII_KINDS, uuid } from "@shortlist/api/schemas";
import { IconArrowLeft, IconArrowRight, IconFileOff } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { count, fixed, percent } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { Section } from "../../ui/Section";
import { BackLink, RecordPage } from "../../ui/RecordPage";
import { StatusBadge } from "../parts/badges";
import { CyclePage } from "../parts/CyclePage";
import { usePageKeys } from "../parts/keys";
import { OVERRIDE_LABEL, PII_LABEL, score10 } from "../parts/labels";
import { AnswerText } from "./AnswerText";
import { Evaluations } from "./Evaluations";
import { ScoreForm } from "./ScoreForm";

/** Reviewers add their own scores only while results come in. */
const SCORING_PHASES: readonly CycleDto["phase"][] = ["BATCH_PREP", "PROCESSING"];

/** `/admissions/:id/review/:applicationId`: one anonymized application, its evaluations and the reviewer's scores. */
export default function ReviewPage() {
  return <CyclePage>{(cycle) => <ApplicationLoader cycle={cycle} />}</CyclePage>;
}

function ApplicationLoader({ cycle }: { cycle: CycleDto }) {
  const { applicationId = "" } = useParams();
  const validId = uuid.safeParse(applicationId).success;
  const trpc = useTRPC();
  const application = useQuery(trpc.admissions.review.get.queryOptions({ applicationId }, { enabled: validId }));
  const back = { to: `/admissions/${cycle.id}/review`, label: "Review queue" };
  return (
    <RecordPage
      validId={validId}
      query={application}
      back={back}
      notFound={{
        title: "Application not found",
        description: "The link may be wrong.",
        icon: <IconFileOff aria-hidden />,
      }}
      errorTitle="Could not load this application"
      skeleton={[200, 200]}
    >
      {(data) => <Review key={data.applicationId} cycle={cycle} application={data} back={back} />}
    </RecordPage>
  );
}

function Review({
  cycle,
  application,
  back,
}: {
  cycle: CycleDto;
  application: AnonymizedApplicationDto;
  back: { to: string; label: string };
}) {
  const navigate = useNavigate();
  const pathOf = (id: string | null) => (id ? `/admissions/${cycle.id}/review/${id}` : null);
  const previous = pathOf(application.previousId);
  const next = pathOf(application.nextId);
  const go = (path: string | null) => () => {
    if (path) void navigate(path);
  };
  usePageKeys({ ArrowLeft: go(previous), p: go(previous), ArrowRight: go(next), n: go(next) });
  const replaced = PII_KINDS.filter((kind) => (application.replacements[kind] ?? 0) > 0);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Stack gap={2}>
          <BackLink {...back} />
          <Group gap="sm">
            <Title order={2} size="h3">
              Application #{application.number}
            </Title>
            <StatusBadge status={application.status} />
            {application.override && (
              <Badge color="grape" variant="outline" title={application.override.reason}>
                {OVERRIDE_LABEL[application.override.decision]}
              </Badge>
            )}
          </Group>
        </Stack>
        <Group gap="xs">
          <NeighbourButton to={previous} label="Previous application" icon={<IconArrowLeft size={16} aria-hidden />} />
          <NeighbourButton to={next} label="Next application" icon={<IconArrowRight size={16} aria-hidden />} after />
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        <Kbd>←</Kbd>/<Kbd>→</Kbd> or <Kbd>p</Kbd>/<Kbd>n</Kbd>: previous and next application.
      </Text>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Section title="Answers">
            <Stack gap="md">
              {application.answers.map((answer) => (
                <div key={answer.key}>
                  <Text size="sm" fw={600} mb={4}>
                    {answer.label}
                  </Text>
                  <AnswerText text={answer.text} />
                </div>
              ))}
              <Group gap="xs" data-testid="replacements">
                <Text size="xs" c="dimmed">
                  Replaced:
                </Text>
                {replaced.length ? (
                  replaced.map((kind) => (
                    <Badge key={kind} size="sm" variant="outline" color="gray" tt="none">
                      {PII_LABEL[kind]}: {application.replacements[kind]}
                    </Badge>
                  ))
                ) : (
                  <Text size="xs" c="dimmed">
                    nothing
                  </Text>
                )}
              </Group>
            </Stack>
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <FinalScore application={application} cycle={cycle} />
            <Metrics application={application} />
          </Stack>
        </Grid.Col>
      </Grid>

      <Section title="Evaluations">
        <Evaluations evaluations={application.evaluations} criteria={cycle.criteria} />
      </Section>

      <Section title="My scores">
        {SCORING_PHASES.includes(cycle.phase) ? (
          <ScoreForm application={application} criteria={cycle.criteria} />
        ) : (
          <Text size="sm" c="dimmed">
            Reviewers add their scores while the cycle is in batch prep or processing.
          </Text>
        )}
      </Section>
    </Stack>
  );
}

function NeighbourButton({
  to,
  label,
  icon,
  after,
}: {
  to: string | null;
  label: string;
  icon: ReactNode;
  after?: boolean;
}) {
  const sides = after ? { rightSection: icon } : { leftSection: icon };
  if (!to)
    return (
      <Button variant="default" disabled {...sides}>
        {label}
      </Button>
    );
  return (
    <Button component={Link} to={to} variant="default" {...sides}>
      {label}
    </Button>
  );
}

function FinalScore({ application, cycle }: { application: AnonymizedApplicationDto; cycle: CycleDto }) {
  const final = application.finalScore;
  return (
    <Section title="Final score">
      {final ? (
        <Stack gap="xs">
          <Group gap="xs" align="baseline">
            <Text size="xl" fw={700} ff="monospace" data-testid="final-score">
              {score10(final.score)}
            </Text>
            <Text size="sm" c="dimmed">
              rank {count(final.rank)} · {count(final.evaluations)} evaluations
            </Text>
          </Group>
          <Table withRowBorders={false} verticalSpacing={2}>
            <Table.Tbody>
              {cycle.criteria.map((c) => (
                <Table.Tr key={c.key}>
                  <Table.Th scope="row" fw={400} fz="sm" pl={0}>
                    {c.label}
                  </Table.Th>
                  <Table.Td ff="monospace" fz="sm">
                    {score10(final.criteria[c.key]?.mean)}
                  </Table.Td>
                  <Table.Td fz="xs" c="dimmed">
                    {final.criteria[c.key] ? `${final.criteria[c.key]!.count}×` : ""}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          Not scored yet: final scores are computed when the cycle moves to Scored.
        </Text>
      )}
    </Section>
  );
}

function Metrics({ application }: { application: AnonymizedApplicationDto }) {
  const m = application.metrics;
  const rows: [string, string][] = [
    ["Words", count(m.totalWords)],
    ["Answered", percent(m.answeredRatio)],
    ["Readability (Flesch)", fixed(m.readability, 0)],
    ["Lexical diversity", fixed(m.lexicalDiversity, 2)],
    ...application.answers.map((a): [string, string] => [`Words: ${a.label}`, count(m.wordCounts[a.key] ?? 0)]),
  ];
  return (
    <Section title="Metrics">
      <Table withRowBorders={false} verticalSpacing={2} data-testid="metrics">
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" fw={400} fz="sm" pl={0}>
                {label}
              </Table.Th>
              <Table.Td ff="monospace" fz="sm" ta="right">
                {value}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}
