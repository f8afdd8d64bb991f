import { Alert, Badge, Button, Grid, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { candidateIdInput } from "@shortlist/api/schemas";
import { IconPencil, IconUserQuestion } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Suspense } from "react";
import { useParams } from "react-router";
import { errorReason } from "../lib/errors";
import { plural } from "../lib/format";
import { useHasRole } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { BackLink, RecordPage } from "../ui/RecordPage";
import { ActionError } from "../ui/ErrorState";
import { Section } from "../ui/Section";
import { CandidateHistory, candidateHistoryQuery } from "../audit";
import { OUTCOME_COLOR, OUTCOME_LABEL } from "../jobs";
import { CandidateCv, candidateCvQuery, candidateInterviewsQuery } from "../interviews";
import { CandidateTimeline, candidateTimelineQuery } from "../notes";
import { candidateAssessmentsQuery, candidateReportsQuery, CandidateVetting } from "../vetting";
import { ApplicationsSection } from "./ApplicationsSection";
import { CandidateFields } from "./CandidateFields";
import { CandidateFormModal } from "./CandidateFormModal";
import { ConsentSwitch } from "./ConsentSwitch";
import { DeleteCandidateButton } from "./DeleteCandidateButton";
import { EraseCandidateButton } from "./EraseCandidateButton";
import { ExportPersonalDataButton } from "./ExportPersonalDataButton";
import type { CandidateDetail } from "./types";
import { useUpdateCandidate } from "./useUpdateCandidate";

export default function CandidateDetailPage() {
  const { id = "" } = useParams();
  const validId = candidateIdInput.safeParse({ id }).success;
  usePrefetchCandidatePage(validId ? id : null);
  const query = useCandidate(id, validId);
  return <CandidatePage validId={validId} query={query} />;
}

/**
 * Everything the page and its sections read, asked for at once during the page's first render, so that it leaves in
 * one batched request (httpBatchLink) instead of the candidate first and then each section once its code and the
 * candidate had arrived. One synchronous pass: a navigation renders in a transition, which may yield between
 * components, and a request started after a yield would go in a batch of its own. The sections read the same
 * queries (their modules' own definitions) from the cache.
 */
function usePrefetchCandidatePage(id: string | null) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isAdmin = useHasRole("admin");
  const isWriter = useHasRole("writers");
  if (!id) return;
  const missing = (options: { queryKey: readonly unknown[] }) =>
    queryClient.getQueryState(options.queryKey) === undefined;
  const candidate = trpc.candidates.get.queryOptions({ id });
  if (missing(candidate)) void queryClient.prefetchQuery(candidate);
  const assessments = candidateAssessmentsQuery(trpc, id);
  if (missing(assessments)) void queryClient.prefetchQuery(assessments);
  const reports = candidateReportsQuery(trpc, id);
  if (missing(reports)) void queryClient.prefetchQuery(reports);
  const timeline = candidateTimelineQuery(trpc, id);
  if (missing(timeline)) void queryClient.prefetchInfiniteQuery(timeline);
  const history = candidateHistoryQuery(trpc, id);
  if (isAdmin && missing(history)) void queryClient.prefetchInfiniteQuery(history);
  const interviews = candidateInterviewsQuery(trpc, id);
  if (isWriter && missing(interviews)) void queryClient.prefetchQuery(interviews);
  const cv = candidateCvQuery(trpc, id);
  if (isWriter && missing(cv)) void queryClient.prefetchQuery(cv);
}

const useCandidate = (id: string, enabled: boolean) => {
  const trpc = useTRPC();
  return useQuery(trpc.candidates.get.queryOptions({ id }, { enabled }));
};

function CandidatePage({ validId, query }: { validId: boolean; query: ReturnType<typeof useCandidate> }) {
  return (
    <RecordPage
      validId={validId}
      query={query}
      back={BACK}
      notFound={{
        title: "Candidate not found",
        description: "It may have been deleted, or the link is wrong.",
        icon: <IconUserQuestion aria-hidden />,
      }}
      errorTitle="Could not load this candidate"
      skeleton={[180, 240]}
    >
      {(candidate) => <CandidateDetail candidate={candidate} reload={() => void query.refetch()} />}
    </RecordPage>
  );
}

const BACK = { to: "/candidates", label: "All candidates" };

/** Under the name: where the person stands, their latest application first. */
function Standing({ candidate }: { candidate: CandidateDetail }) {
  const [latest, ...more] = candidate.applications;
  if (!latest)
    return (
      <Text c="dimmed" size="sm">
        Not in any job yet
      </Text>
    );
  return (
    <Group gap="xs">
      <Text c="dimmed" size="sm">
        {latest.jobTitle} at {latest.company}: {latest.stageName}
      </Text>
      <Badge color={OUTCOME_COLOR[latest.outcome]} variant="light">
        {OUTCOME_LABEL[latest.outcome]}
      </Badge>
      {more.length > 0 && (
        <Text c="dimmed" size="sm">
          and {plural(more.length, "other application")}
        </Text>
      )}
    </Group>
  );
}

function CandidateDetail({ candidate, reload }: { candidate: CandidateDetail; reload: () => void }) {
  // An erased person's placeholder takes no more changes (the server refuses them too).
  const canWrite = useHasRole("writers") && !candidate.erased;
  const isAdmin = useHasRole("admin");
  const update = useUpdateCandidate();
  const [editing, edit] = useDisclosure(false);

  const reloadAfterConflict = () => {
    update.reset();
    reload();
  };

  return (
    <Stack gap="lg">
      <BackLink {...BACK} />
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {candidate.name}
          </Title>
          <Standing candidate={candidate} />
        </Stack>
        {canWrite && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={edit.open}>
              Edit
            </Button>
            <ExportPersonalDataButton candidate={candidate} />
            <DeleteCandidateButton candidate={candidate} onReload={reload} />
            {isAdmin && <EraseCandidateButton candidate={candidate} />}
          </Group>
        )}
      </Group>

      {candidate.erased && (
        <Alert color="gray" variant="light" title="This person was erased">
          Their personal data and their key are gone; this placeholder keeps counts and benchmarks right and can no
          longer change.
        </Alert>
      )}

      {update.isError &&
        (errorReason(update.error) === "stale_version" ? (
          <Alert color="orange" variant="light" title="Someone else saved this candidate first" role="alert">
            Your change was not saved. Reload to see the candidate as it is now, then apply your change again.
            <Group mt="sm">
              <Button size="xs" color="orange" onClick={reloadAfterConflict}>
                Reload
              </Button>
            </Group>
          </Alert>
        ) : (
          <ActionError error={update.error} title="Not saved" onDismiss={() => update.reset()} />
        ))}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Section title="Details">
            <CandidateFields candidate={candidate} />
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Section title="Consent">
            <ConsentSwitch candidate={candidate} update={update} canWrite={canWrite} />
          </Section>
        </Grid.Col>
      </Grid>

      <ApplicationsSection candidate={candidate} canWrite={canWrite} />

      {canWrite && (
        <Suspense fallback={<Skeleton h={160} aria-label="Loading the CV" />}>
          <CandidateCv candidateId={candidate.id} canWrite={canWrite} />
        </Suspense>
      )}

      <Suspense fallback={<Skeleton h={220} aria-label="Loading assessments" />}>
        <CandidateVetting candidate={candidate} />
      </Suspense>

      <CandidateTimeline candidateId={candidate.id} />

      {isAdmin && (
        <Suspense fallback={<Skeleton h={160} aria-label="Loading the history" />}>
          <CandidateHistory candidateId={candidate.id} />
        </Suspense>
      )}

      {canWrite && <CandidateFormModal opened={editing} onClose={edit.close} candidate={candidate} />}
    </Stack>
  );
}
