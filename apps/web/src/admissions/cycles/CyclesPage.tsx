import { Anchor, Button, Group, Modal, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { CycleListItemDto } from "@shortlist/api";
import { IconPlus, IconSchool } from "@tabler/icons-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { Link, useNavigate } from "react-router";
import { count, formatDate, plural } from "../../lib/format";
import { useHasRole } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { DataTable, type Column } from "../../ui/DataTable";
import { Empty } from "../../ui/Empty";
import { Forbidden } from "../../ui/Forbidden";
import { PageLoader } from "../../ui/PageLoader";
import { PhaseBadge } from "../parts/badges";

// The form brings @mantine/form and the editors: loaded on first opening.
const CycleForm = lazy(() => import("./CycleForm"));

const dimmed = (text: string) => (
  <Text size="sm" c="dimmed">
    {text}
  </Text>
);

const COLUMNS: Column<CycleListItemDto>[] = [
  {
    key: "name",
    header: "Cycle",
    skeletonWidth: 160,
    cell: (c) => (
      <Anchor component={Link} to={`/admissions/${c.id}`} fw={500}>
        {c.name}
      </Anchor>
    ),
  },
  { key: "slug", header: "Slug", td: { ff: "monospace", fz: "sm" }, cell: (c) => c.slug },
  { key: "phase", header: "Phase", cell: (c) => <PhaseBadge phase={c.phase} /> },
  {
    key: "applications",
    header: "Applications",
    th: { ta: "right" },
    td: { ta: "right" },
    cell: (c) => count(c.applications),
  },
  { key: "capacity", header: "Capacity", th: { ta: "right" }, td: { ta: "right" }, cell: (c) => count(c.capacity) },
  {
    key: "dates",
    header: "Opens · closes",
    skeletonWidth: 140,
    cell: (c) => dimmed(`${formatDate(c.opensAt)} · ${formatDate(c.closesAt)}`),
  },
  { key: "created", header: "Created", cell: (c) => dimmed(formatDate(c.createdAt)) },
];

/** `/admissions`: every admission cycle, newest first; admins open new ones. */
export default function CyclesPage() {
  if (!useHasRole("members")) return <Forbidden what="admission cycles" />;
  return <Cycles />;
}

function Cycles() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const isAdmin = useHasRole("admin");
  const [creating, create] = useDisclosure(false);
  const list = useInfiniteQuery(
    trpc.admissions.cycles.list.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const rows = list.data?.pages.flatMap((page) => page.items);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            Admissions
          </Title>
          <Text size="sm" c="dimmed" aria-live="polite">
            {rows
              ? `${plural(rows.length, "cycle")}${list.hasNextPage ? ", more below" : ""}. Applicants stay anonymous until selection.`
              : "Counting…"}
          </Text>
        </div>
        {isAdmin && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
            New cycle
          </Button>
        )}
      </Group>

      <DataTable
        data-testid="cycles-table"
        minWidth={860}
        tableProps={{ striped: true, highlightOnHover: true, bg: "white" }}
        columns={COLUMNS}
        rowKey={(c) => c.id}
        rows={rows}
        onRowClick={(c) => void navigate(`/admissions/${c.id}`)}
        error={list.error}
        errorTitle="Could not load the admission cycles"
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
        empty={
          <Empty
            title="No admission cycles yet"
            description={isAdmin ? "Use “New cycle” above to set up the first one." : "Admins set up admission cycles."}
            icon={<IconSchool aria-hidden />}
          />
        }
        footer={
          list.hasNextPage && (
            <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              Load more
            </Button>
          )
        }
      />

      {isAdmin && (
        <Modal opened={creating} onClose={create.close} title="New admission cycle" size="xl">
          {/* Mounted per opening, so each opening starts empty. */}
          {creating && (
            <Suspense fallback={<PageLoader label="Loading the form" />}>
              <CycleForm onDone={create.close} />
            </Suspense>
          )}
        </Modal>
      )}
    </Stack>
  );
}
