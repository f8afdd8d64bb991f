import { Badge, Button, Group, Modal, SegmentedControl, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { BenchmarkDTO } from "@shortlist/api";
import { BENCHMARK_METRICS, MIN_BENCHMARK_SAMPLE, type BenchmarkSource } from "@shortlist/api/schemas";
import { IconChartBar, IconPencil, IconPlus, IconRefresh } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useHasRole } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { Empty } from "../ui/Empty";
import { ErrorState } from "../ui/ErrorState";
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

      {list.isPending ? (
        <Stack gap="xs" aria-busy>
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} h={28} />
          ))}
        </Stack>
      ) : list.isError && !list.data ? (
        <ErrorState
          error={list.error}
          title="Could not load the benchmarks"
          onRetry={() => void list.refetch()}
          retrying={list.isFetching}
        />
      ) : list.data.length === 0 ? (
        <Empty
          title={source === "all" ? "No benchmarks yet" : `No ${source} benchmarks`}
          description={
            admin
              ? "They are computed when assessments complete; use “Enter bands” for a role with no history."
              : "They are computed when assessments complete; admins can enter bands for a role with no history."
          }
          icon={<IconChartBar aria-hidden />}
        />
      ) : (
        <BenchmarksTable
          benchmarks={list.data}
          stale={list.isPlaceholderData}
          canWrite={canWrite}
          admin={admin}
          onEdit={setEditing}
        />
      )}

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

interface TableProps {
  benchmarks: BenchmarkDTO[];
  stale: boolean;
  canWrite: boolean;
  admin: boolean;
  onEdit: (b: BenchmarkDTO) => void;
}

function BenchmarksTable({ benchmarks, stale, canWrite, admin, onEdit }: TableProps) {
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table
        style={{ whiteSpace: "nowrap", opacity: stale ? 0.6 : 1 }}
        data-testid="benchmarks-table"
        striped
        highlightOnHover
        bg="white"
        verticalSpacing="sm"
        horizontalSpacing="xs"
        aria-busy={stale || undefined}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Role and company</Table.Th>
            <Table.Th scope="col">Source, updated</Table.Th>
            <Table.Th scope="col">Sample</Table.Th>
            {BENCHMARK_METRICS.map((m) => (
              <Table.Th key={m} scope="col">
                {METRIC_LABEL[m]}
                <Text size="xs" c="dimmed" fw={400}>
                  p50 / p75 / p90
                </Text>
              </Table.Th>
            ))}
            {canWrite && <Table.Th scope="col">Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {benchmarks.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Td style={{ whiteSpace: "normal" }}>
                <Text size="sm" fw={500}>
                  {b.role}
                </Text>
                <Text size="xs" c="dimmed">
                  {b.company ?? "All companies"}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={b.source === "computed" ? "indigo" : "grape"} miw="max-content">
                  {b.source}
                </Badge>
                <Text size="xs" c="dimmed" mt={2} title={formatDateTime(b.updatedAt)}>
                  {formatDate(b.updatedAt)}
                </Text>
              </Table.Td>
              <Table.Td>
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
              </Table.Td>
              {BENCHMARK_METRICS.map((m) => (
                <Table.Td key={m} ff="monospace" fz="xs">
                  {formatMetric(m, b.bands[m].p50)} / {formatMetric(m, b.bands[m].p75)} /{" "}
                  {formatMetric(m, b.bands[m].p90)}
                </Table.Td>
              ))}
              {canWrite && (
                <Table.Td>
                  {b.source === "computed" ? (
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
                  ) : null}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
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
