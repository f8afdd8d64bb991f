import { Alert, Anchor, Button, Checkbox, Group, Progress, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { MatchDTO, MatchPage } from "@shortlist/api";
import { idInput } from "@shortlist/api/schemas";
import { IconBriefcaseOff, IconChevronDown, IconChevronRight, IconUserPlus, IconUsersGroup } from "@tabler/icons-react";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { errorMessage } from "../../lib/errors";
import { fixed, plural } from "../../lib/format";
import { useHasRole } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { DataTable, type Column } from "../../ui/DataTable";
import { Empty } from "../../ui/Empty";
import { Forbidden } from "../../ui/Forbidden";
import { RadioChips, type RadioChip } from "../../ui/RadioChips";
import { BackLink, RecordPage } from "../../ui/RecordPage";
import { scoreColor } from "../parts/labels";
import { FactorBars, MatchDetails } from "./FactorBars";

const PAGE_SIZE = 50;
/** matching.addToJob takes at most this many at once. */
const MAX_ADD = 200;
type Scope = "applied" | "everyone";
const SCOPES: RadioChip<Scope>[] = [
  { value: "applied", label: "Applied to this job", count: null },
  { value: "everyone", label: "Everyone in the database", count: null },
];

export default function MatchingPage() {
  if (!useHasRole("writers")) return <Forbidden what="candidate matching" />;
  return <Matching />;
}

/** The job and the first page of its ranking are asked for in the same render: one round trip. */
function Matching() {
  const { id = "" } = useParams();
  const validId = idInput.safeParse({ id }).success;
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const scope: Scope = params.get("scope") === "everyone" ? "everyone" : "applied";
  const job = useQuery(trpc.jobs.get.queryOptions({ id }, { enabled: validId }));
  const ranking = useInfiniteQuery(
    trpc.matching.rank.infiniteQueryOptions(
      { jobId: id, scope, limit: PAGE_SIZE },
      { enabled: validId, getNextPageParam: (page) => page.nextCursor, placeholderData: (previous) => previous },
    ),
  );
  const setScope = (next: Scope) => setParams(next === "applied" ? {} : { scope: next }, { replace: true });
  return (
    <RecordPage
      validId={validId}
      query={job}
      back={{ to: "/jobs", label: "All jobs" }}
      notFound={{
        title: "Job not found",
        description: "The link may be wrong.",
        icon: <IconBriefcaseOff aria-hidden />,
      }}
      errorTitle="Could not load this job"
      skeleton={[40, 320]}
    >
      {(j) => (
        <Stack gap="md">
          <BackLink to={`/jobs/${j.id}`} label={j.title} />
          <div>
            <Title order={1} size="h2">
              Match candidates
            </Title>
            <Text size="sm" c="dimmed">
              {j.title} · {j.company}: candidates ranked by fit, each factor shown.
            </Text>
          </div>
          <RadioChips chips={SCOPES} value={scope} onChange={setScope} aria-label="Whom to rank" testIdPrefix="scope" />
          {/* Keyed by scope: the selection belongs to one list. */}
          <Ranking key={scope} jobId={j.id} scope={scope} ranking={ranking} />
        </Stack>
      )}
    </RecordPage>
  );
}

type RankingQuery = ReturnType<typeof useInfiniteQuery<MatchPage, unknown, InfiniteData<MatchPage>>>;

function Ranking({ jobId, scope, ranking }: { jobId: string; scope: Scope; ranking: RankingQuery }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  const rows = ranking.data?.pages.flatMap((page) => page.items);
  const first = ranking.data?.pages[0];
  const selectable = (rows ?? []).filter((m) => m.applicationId === null).map((m) => m.candidate.id);
  const allSelected = selectable.length > 0 && selectable.every((cid) => selected.has(cid));

  const add = useMutation(
    trpc.matching.addToJob.mutationOptions({
      async onSuccess(result) {
        notifications.show({
          color: "green",
          title: `Added ${plural(result.added, "candidate")} to the job`,
          message: result.alreadyInJob
            ? `${plural(result.alreadyInJob, "candidate")} already in it.`
            : "They are in the job's first stage.",
        });
        setSelected(new Set());
        await Promise.all([
          queryClient.invalidateQueries(trpc.matching.rank.pathFilter()),
          queryClient.invalidateQueries(trpc.jobs.pathFilter()),
          queryClient.invalidateQueries(trpc.applications.pathFilter()),
          queryClient.invalidateQueries(trpc.candidates.pathFilter()),
        ]);
      },
      onError: (error) => notifications.show({ color: "red", title: "Not added", message: errorMessage(error) }),
    }),
  );
  const toggle = (candidateId: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(candidateId)) next.delete(candidateId);
      else next.add(candidateId);
      return next;
    });

  const columns: (Column<MatchDTO> | false)[] = [
    scope === "everyone" && {
      key: "pick",
      header: (
        <Checkbox
          aria-label="Pick every candidate listed who is not in the job"
          checked={allSelected}
          indeterminate={!allSelected && selected.size > 0}
          disabled={selectable.length === 0}
          onChange={() => setSelected(allSelected ? new Set() : new Set(selectable))}
        />
      ),
      th: { w: 40 },
      cell: (m) =>
        m.applicationId === null ? (
          <Checkbox
            aria-label={`Pick ${m.candidate.name}`}
            checked={selected.has(m.candidate.id)}
            onChange={() => toggle(m.candidate.id)}
          />
        ) : null,
    },
    {
      key: "candidate",
      header: "Candidate",
      skeletonWidth: 180,
      cell: (m) => (
        <Stack gap={0}>
          <Group gap={6}>
            <Anchor component={Link} to={`/candidates/${m.candidate.id}`} fw={500} size="sm" data-testid="match-name">
              {m.candidate.name}
            </Anchor>
          </Group>
          <Text size="xs" c="dimmed">
            {m.candidate.email}
          </Text>
        </Stack>
      ),
    },
    {
      key: "score",
      header: "Fit",
      th: { w: 150 },
      cell: (m) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600} w={28} ta="right" data-testid="match-score">
            {fixed(m.score, 0)}
          </Text>
          <Progress value={m.score} color={scoreColor(m.score)} w={90} aria-label={`Fit ${fixed(m.score, 0)} of 100`} />
        </Group>
      ),
    },
    { key: "factors", header: "Factors", cell: (m) => <FactorBars match={m} /> },
    {
      key: "why",
      header: "",
      cell: (m) => (
        <Button
          size="compact-sm"
          variant="subtle"
          aria-expanded={open === m.candidate.id}
          aria-label={`Why ${m.candidate.name} ranks here`}
          leftSection={
            open === m.candidate.id ? (
              <IconChevronDown size={14} aria-hidden />
            ) : (
              <IconChevronRight size={14} aria-hidden />
            )
          }
          onClick={() => setOpen(open === m.candidate.id ? null : m.candidate.id)}
        >
          Why
        </Button>
      ),
    },
  ];

  return (
    <Stack gap="sm">
      {first &&
        (first.mustHave.length > 0 || first.niceToHave.length > 0 ? (
          <Text size="sm" data-testid="match-profile">
            {first.mustHave.length > 0 && <>Must-have: {first.mustHave.join(", ")}. </>}
            {first.niceToHave.length > 0 && <>Nice to have: {first.niceToHave.join(", ")}.</>}
          </Text>
        ) : (
          <Alert color="orange" variant="light" title="This job has no vacancy profile yet">
            The ranking uses evidenced experience, seniority, assessments and interviews only. Fill the profile with the{" "}
            <Anchor component={Link} to={`/intake?jobId=${jobId}`}>
              vacancy intake
            </Anchor>{" "}
            to rank by skills.
          </Alert>
        ))}
      <Group justify="space-between" mih={36}>
        <Text size="sm" c="dimmed" aria-live="polite">
          {selected.size > 0
            ? `${plural(selected.size, "candidate")} picked`
            : rows
              ? `${plural(rows.length, "candidate")} listed`
              : ""}
        </Text>
        {scope === "everyone" && (
          <Button
            leftSection={<IconUserPlus size={16} aria-hidden />}
            disabled={selected.size === 0 || selected.size > MAX_ADD}
            loading={add.isPending}
            onClick={() => add.mutate({ jobId, candidateIds: [...selected] })}
          >
            {selected.size > 0 ? `Add ${selected.size} to the job` : "Add to the job"}
          </Button>
        )}
      </Group>
      <DataTable
        data-testid="matching-table"
        minWidth={900}
        tableProps={{ highlightOnHover: true, bg: "white" }}
        columns={columns}
        rowKey={(m) => m.candidate.id}
        rows={rows}
        stale={ranking.isPlaceholderData}
        error={ranking.error}
        errorTitle="Could not rank the candidates"
        onRetry={() => void ranking.refetch()}
        retrying={ranking.isFetching}
        expandedRow={(m) => open === m.candidate.id && <MatchDetails match={m} />}
        empty={
          <Empty
            title={scope === "applied" ? "Nobody has applied yet" : "Nobody else to rank"}
            description={
              scope === "applied"
                ? "Rank everyone in the database to find people for this job."
                : "Every candidate in the database is already in this job."
            }
            icon={<IconUsersGroup aria-hidden />}
          />
        }
        footer={
          ranking.hasNextPage && (
            <Button variant="default" onClick={() => void ranking.fetchNextPage()} loading={ranking.isFetchingNextPage}>
              Load more
            </Button>
          )
        }
      />
    </Stack>
  );
}
