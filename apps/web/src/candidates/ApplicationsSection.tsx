import { Anchor, Badge, Button, Group, Menu, Modal, Select, Stack, Text, VisuallyHidden } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { applicationActionBlocked, type ApplicationAction } from "@shortlist/api/schemas";
import { IconArrowRight, IconBriefcase, IconChevronDown, IconPlus } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { errorMessage, errorReason } from "../lib/errors";
import { plural } from "../lib/format";
import { useTRPC, type Trpc } from "../lib/trpc";
import { Blocked, blockedProps, OUTCOME_COLOR, OUTCOME_LABEL, RejectDialog, type RejectTarget } from "../jobs";
import { ApplicationInterview } from "../interviews";
import { DataTable } from "../ui/DataTable";
import { Empty } from "../ui/Empty";
import { FormError } from "../ui/ErrorState";
import { FormActions } from "../ui/FormActions";
import { Section } from "../ui/Section";
import type { Application, CandidateDetail } from "./types";

const DAY = 86_400_000;

/** How long the application has been in its stage, in whole days. */
export const daysInStage = (enteredAt: Date, now = Date.now()) => {
  const days = Math.max(0, Math.floor((now - enteredAt.getTime()) / DAY));
  return days === 0 ? "Today" : plural(days, "day");
};

/** After an application changed: the person, the lists and counters, the job's board. */
function refreshAfterApplication(queryClient: ReturnType<typeof useQueryClient>, trpc: Trpc) {
  return Promise.all([
    queryClient.invalidateQueries(trpc.candidates.pathFilter()),
    queryClient.invalidateQueries(trpc.jobs.pathFilter()),
    queryClient.invalidateQueries(trpc.applications.pathFilter()),
  ]);
}

/**
 * The person's applications: job, stage, outcome, days in stage, rejection reason; and (writers) move to a stage,
 * reject with a reason, withdraw, reopen, add to another job. What a state does not allow is shown disabled, with
 * the reason on hover and focus.
 */
export function ApplicationsSection({ candidate, canWrite }: { candidate: CandidateDetail; canWrite: boolean }) {
  const [adding, add] = useDisclosure(false);
  const [rejecting, setRejecting] = useState<Application | null>(null);
  const [withdrawing, setWithdrawing] = useState<Application | null>(null);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const target = (a: Application): RejectTarget => ({ applicationId: a.id, version: a.version, name: candidate.name });

  return (
    <Section
      title="Applications"
      data-testid="applications-section"
      actions={
        canWrite && (
          <Button size="sm" variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={add.open}>
            Add to job
          </Button>
        )
      }
    >
      <DataTable
        data-testid="applications-table"
        minWidth={720}
        tableProps={{ verticalSpacing: "xs" }}
        rows={candidate.applications}
        rowKey={(a) => a.id}
        empty={
          <Empty
            title="Not in any job yet"
            description={canWrite ? "Use “Add to job” to file them in a job's pipeline." : undefined}
            icon={<IconBriefcase aria-hidden />}
          />
        }
        columns={[
          {
            key: "job",
            header: "Job",
            cell: (a) => (
              <Stack gap={0}>
                <Anchor component={Link} to={`/jobs/${a.jobId}`} size="sm" fw={500}>
                  {a.jobTitle}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {a.company}
                  {a.jobStatus === "closed" ? " · job closed" : ""}
                </Text>
              </Stack>
            ),
          },
          { key: "stage", header: "Stage", cell: (a) => a.stageName },
          {
            key: "outcome",
            header: "Outcome",
            cell: (a) => (
              <Stack gap={2}>
                <Badge variant="light" color={OUTCOME_COLOR[a.outcome]}>
                  {OUTCOME_LABEL[a.outcome]}
                </Badge>
                {a.rejectionReason && (
                  <Text size="xs" c="dimmed" data-testid="rejection-reason">
                    {a.rejectionReason.label}
                    {a.rejectionNote ? `: ${a.rejectionNote}` : ""}
                  </Text>
                )}
              </Stack>
            ),
          },
          { key: "days", header: "In stage", cell: (a) => daysInStage(a.stageEnteredAt) },
          canWrite && {
            key: "interview",
            header: "Interview",
            cell: (a) => <ApplicationInterview candidateId={candidate.id} applicationId={a.id} jobTitle={a.jobTitle} />,
          },
          canWrite && {
            key: "actions",
            header: <VisuallyHidden>Actions</VisuallyHidden>,
            cell: (a) => (
              <ApplicationActions
                application={a}
                onReject={() => setRejecting(a)}
                onWithdraw={() => setWithdrawing(a)}
              />
            ),
          },
        ]}
      />
      {canWrite && (
        <>
          <AddToJobDialog candidate={candidate} opened={adding} onClose={add.close} />
          <RejectDialog
            jobId={rejecting?.jobId ?? ""}
            targets={rejecting ? [target(rejecting)] : null}
            onClose={() => setRejecting(null)}
            onDone={() => void refreshAfterApplication(queryClient, trpc)}
          />
          <WithdrawDialog application={withdrawing} name={candidate.name} onClose={() => setWithdrawing(null)} />
        </>
      )}
    </Section>
  );
}

/** What a change of one application says: done, someone else changed it first, or refused; then refresh. */
function useChangeMessages(done: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return {
    async onSuccess(app: Application) {
      notifications.show({
        color: "green",
        title: done,
        message: `${app.jobTitle}: ${app.stageName}, ${OUTCOME_LABEL[app.outcome].toLowerCase()}.`,
      });
      await refreshAfterApplication(queryClient, trpc);
    },
    async onError(error: unknown) {
      const stale = errorReason(error) === "stale_version";
      notifications.show({
        color: stale ? "orange" : "red",
        title: "Not changed",
        message: stale ? "Someone else changed this application first; the page was refreshed." : errorMessage(error),
      });
      await refreshAfterApplication(queryClient, trpc);
    },
  };
}

interface ActionsProps {
  application: Application;
  onReject: () => void;
  onWithdraw: () => void;
}

function ApplicationActions({ application: a, onReject, onWithdraw }: ActionsProps) {
  const trpc = useTRPC();
  const move = useMutation(trpc.applications.move.mutationOptions(useChangeMessages("Moved")));
  const reopen = useMutation(trpc.applications.reopen.mutationOptions(useChangeMessages("Reopened")));
  const blocked = (action: ApplicationAction) => applicationActionBlocked(action, a.outcome, a.jobStatus);
  const closed = a.outcome === "rejected" || a.outcome === "withdrawn";
  const label = (verb: string) => `${verb}: ${a.jobTitle}`;
  return (
    <Group gap={6} justify="flex-end" wrap="nowrap">
      <MoveMenu
        application={a}
        blocked={blocked("move")}
        pending={move.isPending}
        onMove={(stageId) => move.mutate({ id: a.id, version: a.version, stageId })}
      />
      {closed ? (
        <Blocked reason={blocked("reopen")}>
          <Button
            size="compact-sm"
            variant="light"
            aria-label={label("Reopen")}
            loading={reopen.isPending}
            {...blockedProps(blocked("reopen"), () => reopen.mutate({ id: a.id, version: a.version }))}
          >
            Reopen
          </Button>
        </Blocked>
      ) : (
        <>
          <Blocked reason={blocked("reject")}>
            <Button
              size="compact-sm"
              variant="light"
              color="red"
              aria-label={label("Reject")}
              {...blockedProps(blocked("reject"), onReject)}
            >
              Reject
            </Button>
          </Blocked>
          <Blocked reason={blocked("withdraw")}>
            <Button
              size="compact-sm"
              variant="subtle"
              color="gray"
              aria-label={label("Withdraw")}
              {...blockedProps(blocked("withdraw"), onWithdraw)}
            >
              Withdraw
            </Button>
          </Blocked>
        </>
      )}
    </Group>
  );
}

interface MoveMenuProps {
  application: Application;
  blocked: string | null;
  pending: boolean;
  onMove: (stageId: string) => void;
}

/** The job's other stages, read when the menu opens. */
function MoveMenu({ application: a, blocked, pending, onMove }: MoveMenuProps) {
  const trpc = useTRPC();
  const [opened, setOpened] = useState(false);
  const job = useQuery(trpc.jobs.get.queryOptions({ id: a.jobId }, { enabled: opened }));
  const trigger = (blockedReason: string | null) => (
    <Button
      size="compact-sm"
      variant="default"
      rightSection={<IconChevronDown size={12} aria-hidden />}
      aria-label={`Move to stage: ${a.jobTitle}`}
      loading={pending}
      {...(blockedReason ? blockedProps(blockedReason, () => undefined) : {})}
    >
      Move to stage
    </Button>
  );
  if (blocked) return <Blocked reason={blocked}>{trigger(blocked)}</Blocked>;
  return (
    <Menu opened={opened} onChange={setOpened} position="bottom-end" withinPortal>
      <Menu.Target>{trigger(null)}</Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{a.jobTitle}</Menu.Label>
        {job.isPending && <Menu.Label>Loading the stages…</Menu.Label>}
        {job.isError && <Menu.Label c="red">{errorMessage(job.error)}</Menu.Label>}
        {job.data?.stages.map((stage) => (
          <Menu.Item
            key={stage.id}
            disabled={stage.id === a.stageId}
            leftSection={<IconArrowRight size={14} aria-hidden />}
            onClick={() => onMove(stage.id)}
          >
            {stage.name}
            {stage.id === a.stageId ? " (now)" : ""}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function WithdrawDialog({
  application,
  name,
  onClose,
}: {
  application: Application | null;
  name: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const withdraw = useMutation(trpc.applications.withdraw.mutationOptions(useChangeMessages("Withdrawn")));
  return (
    <Modal
      opened={application !== null}
      onClose={onClose}
      title={application ? `Withdraw ${name} from ${application.jobTitle}?` : ""}
    >
      {application && (
        <Stack>
          <Text size="sm">
            The application stays on file as withdrawn (the candidate pulled out); it can be reopened later.
          </Text>
          <FormActions
            onCancel={onClose}
            color="orange"
            loading={withdraw.isPending}
            data-autofocus
            onClick={() =>
              withdraw.mutate({ id: application.id, version: application.version }, { onSettled: onClose })
            }
          >
            Withdraw
          </FormActions>
        </Stack>
      )}
    </Modal>
  );
}

/** Files the person under another job (one they are not in yet, and not closed), in its first stage. */
function AddToJobDialog({
  candidate,
  opened,
  onClose,
}: {
  candidate: CandidateDetail;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Add ${candidate.name} to a job`}>
      {opened && <AddToJobForm candidate={candidate} onClose={onClose} />}
    </Modal>
  );
}

function AddToJobForm({ candidate, onClose }: { candidate: CandidateDetail; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const jobs = useQuery(trpc.jobs.list.queryOptions({}));
  const [jobId, setJobId] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const create = useMutation(
    trpc.applications.create.mutationOptions({
      async onSuccess(app) {
        notifications.show({
          color: "green",
          title: "Added to the job",
          message: `${candidate.name} is in ${app.jobTitle}: ${app.stageName}.`,
        });
        onClose();
        await refreshAfterApplication(queryClient, trpc);
      },
    }),
  );
  const inJobs = new Set(candidate.applications.map((a) => a.jobId));
  const options = (jobs.data ?? [])
    .filter((j) => j.status !== "closed" && !inJobs.has(j.id))
    .map((j) => ({ value: j.id, label: `${j.title} · ${j.company}` }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!jobId) return setMissing(true);
    create.mutate({ candidateId: candidate.id, jobId });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Select
          label="Job"
          required
          searchable
          data-autofocus
          placeholder={jobs.isPending ? "Loading jobs…" : "Choose a job"}
          nothingFoundMessage="No open job they are not in already"
          data={options}
          value={jobId}
          onChange={(value) => {
            setJobId(value);
            setMissing(false);
          }}
          error={
            missing ? "Choose a job" : jobs.isError ? `Could not load the jobs: ${errorMessage(jobs.error)}` : undefined
          }
        />
        <FormError error={create.error} title="Not added" />
        <FormActions onCancel={onClose} loading={create.isPending}>
          Add to job
        </FormActions>
      </Stack>
    </form>
  );
}
