import { Anchor, Group, Text } from "@mantine/core";
import type { CandidateDTO } from "@shortlist/api";
import { IconCircleCheck, IconCircleDashed } from "@tabler/icons-react";
import { Link } from "react-router";
import { formatDate } from "../lib/format";
import { DataTable, type Column, type DataTableProps } from "../ui/DataTable";
import { StatusBadge } from "./StatusBadge";

const COLUMNS: Column<CandidateDTO>[] = [
  {
    key: "name",
    header: "Name",
    // A real link: keyboard and screen-reader users reach the detail page the same way.
    cell: (c) => (
      <Anchor component={Link} to={`/candidates/${c.id}`} fw={500}>
        {c.name}
      </Anchor>
    ),
  },
  { key: "email", header: "Email", skeletonWidth: 160, cell: (c) => <Text size="sm">{c.email}</Text> },
  { key: "role", header: "Role", cell: (c) => c.role },
  { key: "company", header: "Company", cell: (c) => c.company },
  { key: "status", header: "Status", cell: (c) => <StatusBadge status={c.status} /> },
  { key: "consent", header: "Consent", cell: (c) => <Consent given={c.consentGiven} /> },
  {
    key: "created",
    header: "Created",
    cell: (c) => (
      <Text size="sm" c="dimmed">
        {formatDate(c.createdAt)}
      </Text>
    ),
  },
];

type Props = Omit<DataTableProps<CandidateDTO>, "columns" | "rowKey" | "minWidth">;

/** The candidate list; `stale`: rows of the previous filters, shown dimmed while the new ones load. */
export function CandidatesTable(props: Props) {
  return (
    <DataTable
      data-testid="candidates-table"
      minWidth={860}
      skeletonRows={6}
      tableProps={{ striped: true, highlightOnHover: true, bg: "white" }}
      columns={COLUMNS}
      rowKey={(c) => c.id}
      {...props}
    />
  );
}

function Consent({ given }: { given: boolean }) {
  return (
    <Group gap={4} wrap="nowrap">
      {given ? (
        <IconCircleCheck size={16} color="var(--mantine-color-green-6)" aria-hidden />
      ) : (
        <IconCircleDashed size={16} color="var(--mantine-color-gray-5)" aria-hidden />
      )}
      <Text size="sm" c={given ? undefined : "dimmed"}>
        {given ? "Given" : "No"}
      </Text>
    </Group>
  );
}
