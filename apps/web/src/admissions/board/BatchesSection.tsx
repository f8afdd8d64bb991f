import { Anchor, Code, Text, Tooltip } from "@mantine/core";
import type { BatchDto } from "@shortlist/api";
import { IconDownload, IconPackage } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { count, formatDateTime } from "../../lib/format";
import { useHasRole } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { DataTable, queryRows, type Column } from "../../ui/DataTable";
import { Empty } from "../../ui/Empty";
import { Section } from "../../ui/Section";

const columns = (canDownload: boolean): (Column<BatchDto> | false)[] => [
  { key: "created", header: "Exported", skeletonWidth: 140, cell: (b) => formatDateTime(b.createdAt) },
  { key: "by", header: "By", cell: (b) => b.createdByName ?? "—" },
  { key: "rows", header: "Applications", th: { ta: "right" }, td: { ta: "right" }, cell: (b) => count(b.rowCount) },
  {
    key: "hash",
    header: "File SHA-256",
    skeletonWidth: 160,
    cell: (b) => (
      <Tooltip label={b.fileHash} maw={560} multiline>
        <Code tabIndex={0} aria-label={`File SHA-256 ${b.fileHash}`} data-testid="batch-hash">
          {b.fileHash.slice(0, 16)}…
        </Code>
      </Tooltip>
    ),
  },
  { key: "schema", header: "Schema", cell: (b) => `v${b.schemaVersion}` },
  canDownload && {
    key: "file",
    header: "File",
    cell: (b) => (
      <Anchor href={`/api/admissions/batches/${b.id}/file`} download size="sm">
        <IconDownload size={14} aria-hidden style={{ verticalAlign: "middle", marginRight: 4 }} />
        Download batch file
      </Anchor>
    ),
  },
];

/** The batches exported for outside evaluators: when, by whom, how many, the file's hash, and the file (admins). */
export function BatchesSection({ cycleId }: { cycleId: string }) {
  const trpc = useTRPC();
  const isAdmin = useHasRole("admin");
  const batches = useQuery(trpc.admissions.batches.queryOptions({ cycleId }));
  return (
    <Section title="Batches">
      <DataTable
        data-testid="batches-table"
        minWidth={760}
        columns={columns(isAdmin)}
        rowKey={(b) => b.id}
        {...queryRows(batches)}
        errorTitle="Could not load the batches"
        empty={
          <Empty
            title="No batch exported yet"
            description="“Export batch” records every anonymized application in a JSONL file for outside evaluators."
            icon={<IconPackage aria-hidden />}
          />
        }
      />
      <Text size="xs" c="dimmed" mt="xs">
        Each line of a batch file is one anonymized application with its metrics, content hash and the criteria to
        score; results come back as worker and judge lines naming the batch, the application and its content hash.
      </Text>
    </Section>
  );
}
