import { Button, Group, Stack, Text, Title } from "@mantine/core";
import type { InterviewDTO, InterviewResultsDTO } from "@shortlist/api";
import { idInput, type InterviewStatus } from "@shortlist/api/schemas";
import { IconBriefcase, IconMessageCircleOff, IconUser } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { formatDate } from "../../lib/format";
import { useHasRole } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { Forbidden } from "../../ui/Forbidden";
import { BackLink, RecordPage } from "../../ui/RecordPage";
import { useInterviewCache } from "./cache";
import { InterviewStatusBadge } from "../parts/StatusBadge";
import { Answers } from "./Answers";
import { CancelButton } from "./CancelButton";
import { ClosedPanel } from "./ClosedPanel";
import { LinkIssued, LinkPanel } from "./LinkPanel";
import { LiveView } from "./LiveView";
import { PlanEditor } from "./PlanEditor";
import { PlanList } from "./PlanList";
import { ScorecardPanel } from "./ScorecardPanel";
import { SendLinkForm } from "./SendLinkForm";

const BACK = { to: "/interviews", label: "All interviews" };
/** How often the page reads the interview again while the candidate may be answering (ms). */
const POLL_MS: Partial<Record<InterviewStatus, number>> = { READY: 10_000, IN_PROGRESS: 4_000 };

/** `/interviews/:id`: one screen per status; members see it (reviewers override scores), writers act on it. */
export default function InterviewPage() {
  if (!useHasRole("members")) return <Forbidden what="interviews" />;
  return <InterviewLoader />;
}

function InterviewLoader() {
  const { id = "" } = useParams();
  const validId = idInput.safeParse({ id }).success;
  const trpc = useTRPC();
  const canWrite = useHasRole("writers");
  const results = useQuery(
    trpc.interviews.results.queryOptions(
      { id },
      {
        enabled: validId,
        // Writers follow through interviews.get below; reviewers (who may not call it) re-read the results.
        refetchInterval: (query) => (canWrite ? false : pollOf(query.state.data)),
      },
    ),
  );
  useFollow(id, results.data, canWrite);
  return (
    <RecordPage
      validId={validId}
      query={results}
      back={BACK}
      notFound={{
        title: "Interview not found",
        description: "The link may be wrong.",
        icon: <IconMessageCircleOff aria-hidden />,
      }}
      errorTitle="Could not load this interview"
      skeleton={[60, 320]}
    >
      {(data) => <InterviewScreen key={data.interview.id} results={data} />}
    </RecordPage>
  );
}

const pollOf = (data: InterviewResultsDTO | undefined) => POLL_MS[data?.interview.status ?? "COMPLETED"] ?? false;
/** What changes when the candidate opens, answers or runs out of time. */
const stateOf = (i: InterviewDTO) =>
  `${i.version}:${i.status}:${i.answered}:${i.currentIndex}:${i.link?.lastOpenedAt?.getTime()}`;

/**
 * While the candidate may be answering, writers poll interviews.get: it also ends an interview whose link expired or
 * whose time ran out (nothing runs on a timer). The results are read again only when the interview changed.
 */
function useFollow(id: string, data: InterviewResultsDTO | undefined, canWrite: boolean) {
  const trpc = useTRPC();
  const cache = useInterviewCache();
  const poll = pollOf(data);
  const follow = useQuery(
    trpc.interviews.get.queryOptions(
      { id },
      {
        enabled: canWrite && poll !== false,
        refetchInterval: poll,
        // The results carry the same interview: no read at once, only when the interval comes round.
        initialData: data?.interview,
        staleTime: poll || undefined,
      },
    ),
  );
  const shown = data ? stateOf(data.interview) : null;
  const now = follow.data ? stateOf(follow.data) : null;
  useEffect(() => {
    if (shown !== null && now !== null && now !== shown) void cache.reload(id);
  }, [shown, now, cache, id]);
}

function InterviewScreen({ results }: { results: InterviewResultsDTO }) {
  const canWrite = useHasRole("writers");
  const { interview } = results;
  // The link's URL is in sendLink's answer only: kept here, shown until dismissed (the status changes meanwhile).
  const [issuedUrl, setIssuedUrl] = useState<string | null>(null);
  const status = interview.status;
  return (
    <Stack gap="md">
      <BackLink {...BACK} />
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              Interview with {interview.candidate.name}
            </Title>
            <InterviewStatusBadge status={status} size="lg" />
          </Group>
          <Text size="sm" c="dimmed">
            {[
              `${interview.job.title} · ${interview.job.company}`,
              interview.persona && `Interviewer: ${interview.persona.name}`,
              interview.targetSeniority && `Pitched at ${interview.targetSeniority}`,
              `Prepared ${formatDate(interview.createdAt)}`,
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button
            component={Link}
            to={`/candidates/${interview.candidate.id}`}
            variant="default"
            leftSection={<IconUser size={16} aria-hidden />}
          >
            Candidate
          </Button>
          <Button
            component={Link}
            to={`/jobs/${interview.job.id}`}
            variant="default"
            leftSection={<IconBriefcase size={16} aria-hidden />}
          >
            Job
          </Button>
          {canWrite && interview.allowedMoves.includes("CANCELLED") && <CancelButton interview={interview} />}
        </Group>
      </Group>

      {issuedUrl && (
        <LinkIssued url={issuedUrl} candidateId={interview.candidate.id} onDismiss={() => setIssuedUrl(null)} />
      )}

      {status === "PREPARING" &&
        (canWrite ? (
          <>
            {/* Keyed by version: a save (or a reload after someone else's) starts from the saved plan. */}
            <PlanEditor key={interview.version} interview={interview}>
              {(dirty) => <SendLinkForm interview={interview} planDirty={dirty} onIssued={setIssuedUrl} />}
            </PlanEditor>
          </>
        ) : (
          <PlanList interview={interview} />
        ))}
      {status === "READY" && (
        <>
          <LinkPanel interview={interview} canWrite={canWrite} />
          <PlanList interview={interview} />
        </>
      )}
      {status === "IN_PROGRESS" && (
        <>
          <LiveView interview={interview} canWrite={canWrite} />
          <Answers results={results} />
        </>
      )}
      {status === "COMPLETED" && (
        <>
          <ScorecardPanel results={results} />
          <Answers results={results} />
        </>
      )}
      {(status === "CANCELLED" || status === "EXPIRED") && (
        <>
          <ClosedPanel interview={interview} canWrite={canWrite} />
          {results.answers.length > 0 ? <Answers results={results} /> : <PlanList interview={interview} />}
        </>
      )}
    </Stack>
  );
}
