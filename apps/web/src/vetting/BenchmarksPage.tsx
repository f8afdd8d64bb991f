import { Badge, Button, Group, Modal, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { BenchmarkDTO } from "@shortlist/api";
import {
  BENCHMARK_METRICS,
  MIN_BENCHMARK_SAMPLE,
  type BenchmarkMetric,
  type BenchmarkSource,
} from "@shortlist/api/schemas";
import { IconChartBar, IconPencil, IconPlus, IconRefresh } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useHasRole } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { Empty } from "../ui/Empty";
import { DataTable, type DataTableProps } from "../ui/DataTable";
import { errorMessage } from "../lib/errors";
import { formatDate, formatDateTime, plural } from "../lib/format";
import { PageLoader } from "../ui/PageLoader";
import { formatMetric, METRIC_LABEL } from "./labels";

const BenchmarkForm = lazy(() => import("./BenchmarkForm"));

type SourceFilter = "all" | BenchmarkSource;

const scopeOf = (b: Pick<BenchmarkDTO, "role" | "company">) => `${b.role}, ${b.company ?? "all companies"}`;

/** Roles with their bands (computed from completed assessments, or entered by an admin). */
export default function BenchmarksPage() {
  const trpc = useTRPC();
  const canWrite = useHasRole("writers");
  const admin = useHasRole("admin");
  const [source, setSource] = useState<SourceFilter>("all");
  const list = useQuery(
    trpc.benchmarks.list.queryOptions(source === "all" ? {} : { source }, { placeholderData: (previous) => previous }),
  );
  // undefined: closed; null: a new entry; a benchmark: editing its entered bands.
  const [editing, setEditing] = useState<BenchmarkDTO | null | undefined>(undefined);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            Benchmarks
          </Title>
          <Text size="sm" c="dimmed">
            p50 / p75 / p90 per role. Computed bands come from completed assessments (thin below {MIN_BENCHMARK_SAMPLE}
            ); entered bands stand in for roles with no history.
          </Text>
        </div>
        {admin && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing(null)}>
            Enter bands
          </Button>
        )}
      </Group>

      <SegmentedControl
        aria-label="Filter by source"
        value={source}
        onChange={(v) => setSource(v as SourceFilter)}
        data={[
          { value: "all", label: "All" },
          { value: "computed", label: "Computed" },
          { value: "entered", label: "Entered" },
        ]}
        w="fit-content"
      />

      <BenchmarksTable
        rows={list.data}
        stale={list.isPlaceholderData}
        error={list.error}
        errorTitle="Could not load the benchmarks"
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
        empty={
          <Empty
            title={source === "all" ? "No benchmarks yet" : `No ${source} benchmarks`}
            description={
              admin
                ? "They are computed when assessments complete; use “Enter bands” for a role with no history."
                : "They are computed when assessments complete; admins can enter bands for a role with no history."
            }
            icon={<IconChartBar aria-hidden />}
          />
        }
        canWrite={canWrite}
        admin={admin}
        onEdit={setEditing}
      />

      {admin && (
        <Modal
          opened={editing !== undefined}
          onClose={() => setEditing(undefined)}
          title={editing ? `Edit entered bands: ${scopeOf(editing)}` : "Enter bands"}
          size="xl"
        >
          {editing !== undefined && (
            <Suspense fallback={<PageLoader label="Loading the form" />}>
              <BenchmarkForm benchmark={editing ?? undefined} onDone={() => setEditing(undefined)} />
            </Suspense>
          )}
        </Modal>
      )}
    </Stack>
  );
}

interface TableProps extends Omit<DataTableProps<BenchmarkDTO>, "columns" | "rowKey" | "minWidth"> {
  canWrite: boolean;
  admin: boolean;
  onEdit: (b: BenchmarkDTO) => void;
}

function BenchmarksTable({ canWrite, admin, onEdit, ...props }: TableProps) {
  const bands = (b: BenchmarkDTO, m: BenchmarkMetric) =>
    `${formatMetric(m, b.bands[m].p50)} / ${formatMetric(m, b.bands[m].p75)} / ${formatMetric(m, b.bands[m].p90)}`;
  return (
    <DataTable
      data-testid="benchmarks-table"
      minWidth={960}
      skeletonRows={4}
      tableProps={{
        style: { whiteSpace: "nowrap" },
        striped: true,
        highlightOnHover: true,
        bg: "white",
        horizontalSpacing: "xs",
      }}
      rowKey={(b) => b.id}
      columns={[
        {
          key: "scope",
          header: "Role and company",
          td: { style: { whiteSpace: "normal" } },
          skeletonWidth: 140,
          cell: (b) => (
            <>
              <Text size="sm" fw={500}>
                {b.role}
              </Text>
              <Text size="xs" c="dimmed">
                {b.company ?? "All companies"}
              </Text>
            </>
          ),
        },
        {
          key: "source",
          header: "Source, updated",
          cell: (b) => (
            <>
              <Badge variant="light" color={b.source === "computed" ? "indigo" : "grape"} miw="max-content">
                {b.source}
              </Badge>
              <Text size="xs" c="dimmed" mt={2} title={formatDateTime(b.updatedAt)}>
                {formatDate(b.updatedAt)}
              </Text>
            </>
          ),
        },
        {
          key: "sample",
          header: "Sample",
          cell: (b) => (
            <Group gap={6} wrap="nowrap">
              <Text size="sm">{b.sampleSize}</Text>
              {b.thin && (
                <Badge
                  size="sm"
                  color="gray"
                  variant="outline"
                  miw="max-content"
                  title={`fewer than ${MIN_BENCHMARK_SAMPLE} completed assessments`}
                >
                  thin
                </Badge>
              )}
            </Group>
          ),
        },
        ...BENCHMARK_METRICS.map((m) => ({
          key: m,
          header: (
            <>
              {METRIC_LABEL[m]}
              <Text size="xs" c="dimmed" fw={400}>
                p50 / p75 / p90
              </Text>
            </>
          ),
          td: { ff: "monospace", fz: "xs" },
          cell: (b: BenchmarkDTO) => bands(b, m),
        })),
        canWrite && {
          key: "actions",
          header: "Actions",
          cell: (b) =>
            b.source === "computed" ? (
              <RecomputeButton benchmark={b} />
            ) : admin ? (
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<IconPencil size={12} aria-hidden />}
                miw="max-content"
                onClick={() => onEdit(b)}
                aria-label={`Edit the entered bands of ${scopeOf(b)}`}
              >
                Edit
              </Button>
            ) : null,
        },
      ]}
      {...props}
    />
  );
}

function RecomputeButton({ benchmark }: { benchmark: BenchmarkDTO }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const recompute = useMutation(
    trpc.benchmarks.recompute.mutationOptions({
      async onSuccess(result) {
        notifications.show({
          color: "green",
          title: "Benchmark recomputed",
          message: result.benchmark
            ? `${scopeOf(benchmark)}: ${plural(result.sampleSize, "completed assessment")}${result.thin ? " (thin)" : ""}.`
            : `${scopeOf(benchmark)}: no completed assessments left, so the computed benchmark was removed.`,
        });
        await queryClient.invalidateQueries(trpc.benchmarks.pathFilter());
      },
      onError(error) {
        notifications.show({ color: "red", title: "Not recomputed", message: errorMessage(error) });
      },
    }),
  );
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      leftSection={<IconRefresh size={12} aria-hidden />}
      miw="max-content"
      loading={recompute.isPending}
      onClick={() => recompute.mutate({ role: benchmark.role, company: benchmark.company })}
      aria-label={`Recompute ${scopeOf(benchmark)}`}
    >
      Recompute
    </Button>
  );
}
