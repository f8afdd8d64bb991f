import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue, useDisclosure } from "@mantine/hooks";
import type { JobStatus } from "@shortlist/api/schemas";
import { IconBriefcase, IconPlus, IconSearch } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { count, formatDate, plural } from "../lib/format";
import { useHasRole } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { DataTable, type Column } from "../ui/DataTable";
import { Empty } from "../ui/Empty";
import { JobFormModal } from "./JobFormModal";
import { JOB_STATUS_COLOR, JOB_STATUS_LABEL, JOB_STATUS_OPTIONS } from "./labels";
import type { Job } from "./types";

const ALL = "all";

const COLUMNS: Column<Job>[] = [
  {
    key: "title",
    header: "Job",
    cell: (job) => (
      <Anchor component={Link} to={`/jobs/${job.id}`} fw={500}>
        {job.title}
      </Anchor>
    ),
  },
  { key: "company", header: "Company", cell: (job) => job.company },
  {
    key: "where",
    header: "Department · location",
    skeletonWidth: 140,
    cell: (job) => (
      <Text size="sm" c="dimmed">
        {[job.department, job.location].filter(Boolean).join(" · ") || "—"}
      </Text>
    ),
  },
  {
    key: "status",
    header: "Status",
    cell: (job) => (
      <Badge color={JOB_STATUS_COLOR[job.status]} variant="light">
        {JOB_STATUS_LABEL[job.status]}
      </Badge>
    ),
  },
  {
    key: "active",
    header: "Active",
    th: { ta: "right" },
    td: { ta: "right" },
    cell: (job) => count(job.counts.active),
  },
  { key: "hired", header: "Hired", th: { ta: "right" }, td: { ta: "right" }, cell: (job) => count(job.counts.hired) },
  {
    key: "closed",
    header: "Rejected · withdrawn",
    th: { ta: "right" },
    td: { ta: "right" },
    cell: (job) => `${count(job.counts.rejected)} · ${count(job.counts.withdrawn)}`,
  },
  {
    key: "created",
    header: "Created",
    cell: (job) => (
      <Text size="sm" c="dimmed">
        {formatDate(job.createdAt)}
      </Text>
    ),
  },
];

export default function JobsPage() {
  const trpc = useTRPC();
  const canWrite = useHasRole("writers");
  const [creating, create] = useDisclosure(false);
  const [status, setStatus] = useState<JobStatus | typeof ALL>(ALL);
  const [search, setSearch] = useState("");
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const filters = { status: status === ALL ? undefined : status, search: debouncedSearch || undefined };
  const jobs = useQuery(trpc.jobs.list.queryOptions(filters, { placeholderData: (previous) => previous }));
  const filtered = filters.status !== undefined || filters.search !== undefined;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            Jobs
          </Title>
          <Text size="sm" c="dimmed" data-testid="jobs-total" aria-live="polite">
            {jobs.data ? plural(jobs.data.length, "job") : "Counting…"}
          </Text>
        </div>
        {canWrite && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
            New job
          </Button>
        )}
      </Group>

      <Group gap="sm" align="flex-end">
        <TextInput
          label="Search"
          placeholder="Title or company"
          type="search"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={260}
        />
        <SegmentedControl
          aria-label="Job status"
          value={status}
          onChange={(value) => setStatus(value as JobStatus | typeof ALL)}
          data={[{ value: ALL, label: "All" }, ...JOB_STATUS_OPTIONS]}
        />
      </Group>

      <DataTable
        data-testid="jobs-table"
        minWidth={900}
        skeletonRows={4}
        tableProps={{ striped: true, highlightOnHover: true, bg: "white" }}
        columns={COLUMNS}
        rowKey={(job) => job.id}
        rows={jobs.data}
        stale={jobs.isPlaceholderData}
        error={jobs.error}
        errorTitle="Could not load jobs"
        onRetry={() => void jobs.refetch()}
        retrying={jobs.isFetching}
        empty={
          <Empty
            title={filtered ? "No jobs match these filters" : "No jobs yet"}
            description={
              filtered
                ? "Change the search or the status."
                : canWrite
                  ? "Use “New job” above to open the first requisition."
                  : "Recruiters and admins can open jobs."
            }
            icon={<IconBriefcase aria-hidden />}
          />
        }
      />

      {canWrite && <JobFormModal opened={creating} onClose={create.close} />}
    </Stack>
  );
}
