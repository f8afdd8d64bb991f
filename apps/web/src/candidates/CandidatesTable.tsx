import { Anchor, Group, Skeleton, Table, Text } from "@mantine/core";
import type { CandidateDTO } from "@shortlist/api";
import { IconCircleCheck, IconCircleDashed } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { formatDate } from "../ui/format";
import { StatusBadge } from "./StatusBadge";

const COLUMNS = ["Name", "Email", "Role", "Company", "Status", "Consent", "Created"];

function Frame({ children, busy }: { children: ReactNode; busy?: boolean }) {
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table
        data-testid="candidates-table"
        striped
        highlightOnHover
        verticalSpacing="sm"
        aria-busy={busy || undefined}
        bg="white"
        style={{ opacity: busy ? 0.6 : 1, transition: "opacity 150ms" }}
      >
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((c) => (
              <Table.Th key={c} scope="col">
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function CandidatesTableSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <Frame busy>
      {Array.from({ length: rows }, (_, i) => (
        <Table.Tr key={i}>
          {COLUMNS.map((c) => (
            <Table.Td key={c}>
              <Skeleton h={12} w={c === "Email" ? 160 : 80} />
            </Table.Td>
          ))}
        </Table.Tr>
      ))}
    </Frame>
  );
}

/** `stale`: rows of the previous filters, shown dimmed while the new ones load. */
export function CandidatesTable({ candidates, stale }: { candidates: CandidateDTO[]; stale?: boolean }) {
  return (
    <Frame busy={stale}>
      {candidates.map((c) => (
        <Table.Tr key={c.id}>
          <Table.Td>
            {/* A real link: keyboard and screen-reader users reach the detail page the same way. */}
            <Anchor component={Link} to={`/candidates/${c.id}`} fw={500}>
              {c.name}
            </Anchor>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{c.email}</Text>
          </Table.Td>
          <Table.Td>{c.role}</Table.Td>
          <Table.Td>{c.company}</Table.Td>
          <Table.Td>
            <StatusBadge status={c.status} />
          </Table.Td>
          <Table.Td>
            <Consent given={c.consentGiven} />
          </Table.Td>
          <Table.Td>
            <Text size="sm" c="dimmed">
              {formatDate(c.createdAt)}
            </Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </Frame>
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
