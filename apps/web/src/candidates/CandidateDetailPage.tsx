import { Alert, Anchor, Button, Grid, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { CandidateDetailDTO } from "@shortlist/api";
import { candidateIdInput } from "@shortlist/api/schemas";
import { IconArrowLeft, IconPencil, IconUserQuestion } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Suspense } from "react";
import { Link, useParams } from "react-router";
import { errorReason } from "../lib/errors";
import { useHasRole } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { Empty } from "../ui/Empty";
import { ActionError, ErrorState } from "../ui/ErrorState";
import { Section } from "../ui/Section";
import { CandidateHistory } from "../audit";
import { CandidateTimeline } from "../notes";
import { CandidateVetting } from "../vetting";
import { CandidateFields } from "./CandidateFields";
import { CandidateFormModal } from "./CandidateFormModal";
import { ConsentSwitch } from "./ConsentSwitch";
import { DeleteCandidateButton } from "./DeleteCandidateButton";
import { EraseCandidateButton } from "./EraseCandidateButton";
import { ExportPersonalDataButton } from "./ExportPersonalDataButton";
import { StatusBadge } from "./StatusBadge";
import { StatusControl } from "./StatusControl";
import { useUpdateCandidate } from "./useUpdateCandidate";

export default function CandidateDetailPage() {
  const { id = "" } = useParams();
  const validId = candidateIdInput.safeParse({ id }).success;
  const trpc = useTRPC();
  const query = useQuery(trpc.candidates.get.queryOptions({ id }, { enabled: validId }));

  if (!validId || errorReason(query.error) === "not_found") {
    return (
      <Empty
        title="Candidate not found"
        description="It may have been deleted, or the link is wrong."
        icon={<IconUserQuestion aria-hidden />}
      >
        <BackLink />
      </Empty>
    );
  }
  if (query.isError && !query.data) {
    return (
      <Stack>
        <BackLink />
        <ErrorState
          error={query.error}
          title="Could not load this candidate"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      </Stack>
    );
  }
  if (query.isPending) {
    return (
      <Stack aria-busy>
        <BackLink />
        <Skeleton h={32} w={280} />
        <Skeleton h={180} />
        <Skeleton h={240} />
      </Stack>
    );
  }
  return <CandidateDetail candidate={query.data} reload={() => void query.refetch()} />;
}

function BackLink() {
  return (
    <Anchor component={Link} to="/candidates" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        All candidates
      </Group>
    </Anchor>
  );
}

function CandidateDetail({ candidate, reload }: { candidate: CandidateDetailDTO; reload: () => void }) {
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
      <BackLink />
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {candidate.name}
            </Title>
            <StatusBadge status={candidate.status} size="lg" />
          </Group>
          <Text c="dimmed" size="sm">
            {candidate.role} at {candidate.company}
          </Text>
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
          <Stack gap="lg">
            <Section title="Status">
              <StatusControl candidate={candidate} update={update} canWrite={canWrite} />
            </Section>
            <Section title="Consent">
              <ConsentSwitch candidate={candidate} update={update} canWrite={canWrite} />
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>

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
