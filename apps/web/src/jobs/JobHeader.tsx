import { Badge, Button, Group, Menu, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { JOB_STATUSES, type JobStatus } from "@shortlist/api/schemas";
import { IconChevronDown, IconClipboardText, IconPencil, IconUsersGroup } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { errorMessage, errorReason } from "../lib/errors";
import { count } from "../lib/format";
import { useTRPC } from "../lib/trpc";
import { cacheSavedJob } from "./cache";
import { JobFormModal } from "./JobFormModal";
import { EMPLOYMENT_TYPE_LABEL, JOB_STATUS_COLOR, JOB_STATUS_LABEL } from "./labels";
import type { JobDetail } from "./types";
import { usePeople } from "./usePeople";

const STATUS_HINT: Record<JobStatus, string> = {
  open: "takes applications and moves",
  on_hold: "paused; still takes moves",
  draft: "not yet published",
  closed: "refuses new applications and moves",
};

/** The job's title, facts and counts, with Edit and the status menu for writers. */
export function JobHeader({ job, canWrite }: { job: JobDetail; canWrite: boolean }) {
  const [editing, edit] = useDisclosure(false);
  const facts = [
    job.department,
    job.location,
    job.employmentType ? EMPLOYMENT_TYPE_LABEL[job.employmentType] : null,
  ].filter(Boolean);
  return (
    <Group justify="space-between" align="flex-start">
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={1} size="h2">
            {job.title}
          </Title>
          <Badge color={JOB_STATUS_COLOR[job.status]} variant="light" size="lg" data-testid="job-status">
            {JOB_STATUS_LABEL[job.status]}
          </Badge>
        </Group>
        <Text c="dimmed" size="sm">
          {[job.company, ...facts].join(" · ")}
        </Text>
        <Text size="sm" data-testid="job-counts">
          {count(job.counts.active)} active · {count(job.counts.hired)} hired · {count(job.counts.rejected)} rejected ·{" "}
          {count(job.counts.withdrawn)} withdrawn
        </Text>
        {canWrite && <People job={job} />}
      </Stack>
      {canWrite && (
        <Group gap="xs">
          <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={edit.open}>
            Edit job
          </Button>
          <Button
            component={Link}
            to={`/intake?jobId=${job.id}`}
            variant="default"
            leftSection={<IconClipboardText size={16} aria-hidden />}
          >
            Vacancy intake
          </Button>
          <Button
            component={Link}
            to={`/jobs/${job.id}/matching`}
            variant="default"
            leftSection={<IconUsersGroup size={16} aria-hidden />}
          >
            Match candidates
          </Button>
          <StatusMenu job={job} />
        </Group>
      )}
      {canWrite && <JobFormModal opened={editing} onClose={edit.close} job={job} />}
    </Group>
  );
}

/** Names come from the users lookup writers may call; others see the job without them. */
function People({ job }: { job: JobDetail }) {
  const people = usePeople();
  const manager = job.hiringManagerId ? (people.nameOf(job.hiringManagerId) ?? "…") : null;
  const owners = job.ownerIds.map((id) => people.nameOf(id) ?? "…");
  if (!manager && owners.length === 0) return null;
  return (
    <Text size="sm" c="dimmed">
      {manager && `Hiring manager: ${manager}`}
      {manager && owners.length > 0 && " · "}
      {owners.length > 0 && `Owners: ${owners.join(", ")}`}
    </Text>
  );
}

function StatusMenu({ job }: { job: JobDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.jobs.update.mutationOptions({
      async onSuccess(saved) {
        notifications.show({
          color: "green",
          title: "Job status changed",
          message: `${saved.title} is ${JOB_STATUS_LABEL[saved.status].toLowerCase()}.`,
        });
        await cacheSavedJob(queryClient, trpc, saved);
        await queryClient.invalidateQueries(trpc.applications.pathFilter());
      },
      async onError(error) {
        const stale = errorReason(error) === "stale_version";
        notifications.show({
          color: stale ? "orange" : "red",
          title: stale ? "Someone else changed this job first" : "Status not changed",
          message: stale ? "The job was reloaded; change the status again." : errorMessage(error),
        });
        await queryClient.invalidateQueries(trpc.jobs.get.queryFilter({ id: job.id }));
      },
    }),
  );
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" rightSection={<IconChevronDown size={14} aria-hidden />} loading={update.isPending}>
          Change status
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {JOB_STATUSES.map((status) => (
          <Menu.Item
            key={status}
            disabled={status === job.status}
            onClick={() => update.mutate({ id: job.id, version: job.version, status })}
          >
            <Text size="sm">{JOB_STATUS_LABEL[status]}</Text>
            <Text size="xs" c="dimmed">
              {STATUS_HINT[status]}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
