import { Anchor, Group, Stack, Text } from "@mantine/core";
import type { CycleDto, RevealedIdentityDto, SelectedApplicantDto } from "@shortlist/api";
import { phaseAtLeast } from "@shortlist/api/schemas";
import { IconUserCheck } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { count } from "../../lib/format";
import { useHasRole } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { DataTable, queryRows, type Column } from "../../ui/DataTable";
import { Empty } from "../../ui/Empty";
import { Section } from "../../ui/Section";
import { OverrideNote } from "../parts/badges";
import { score10 } from "../parts/labels";
import { RevealButton } from "./RevealButton";

function Identity({ identity }: { identity: RevealedIdentityDto }) {
  return (
    <Stack gap={2} data-testid="revealed-identity">
      <Text size="sm" fw={600}>
        {identity.name}
      </Text>
      <Text size="sm">
        {identity.email}
        {identity.phone && ` · ${identity.phone}`}
      </Text>
      {identity.identifyingAnswers.map((a) => (
        <Text key={a.key} size="xs" c="dimmed">
          {a.label}: {a.text}
        </Text>
      ))}
    </Stack>
  );
}

/** The selected applicants by rank; admins reveal identities (SELECTION and later), each reveal audited. */
export function SelectedList({ cycle }: { cycle: CycleDto }) {
  const trpc = useTRPC();
  const isAdmin = useHasRole("admin");
  const selected = useQuery(trpc.admissions.selection.selected.queryOptions({ cycleId: cycle.id }));
  // Kept in this screen only: leaving it forgets what was revealed.
  const [revealed, setRevealed] = useState<Record<string, RevealedIdentityDto>>({});
  const canReveal = isAdmin && phaseAtLeast(cycle.phase, "SELECTION");

  const columns: (Column<SelectedApplicantDto> | false)[] = [
    { key: "rank", header: "Rank", th: { ta: "right" }, td: { ta: "right" }, cell: (row) => count(row.rank) },
    {
      key: "number",
      header: "Application",
      cell: (row) => (
        <Anchor component={Link} to={`/admissions/${cycle.id}/review/${row.applicationId}`} fw={500}>
          #{row.number}
        </Anchor>
      ),
    },
    {
      key: "score",
      header: "Score",
      th: { ta: "right" },
      td: { ta: "right", ff: "monospace" },
      cell: (row) => score10(row.score),
    },
    {
      key: "override",
      header: "Override",
      cell: (row) => <OverrideNote override={row.override} />,
    },
    {
      key: "identity",
      header: "Identity",
      skeletonWidth: 160,
      cell: (row) =>
        revealed[row.applicationId] ? (
          <Identity identity={revealed[row.applicationId]!} />
        ) : canReveal ? (
          <RevealButton
            applicationId={row.applicationId}
            number={row.number}
            onRevealed={(identity) => setRevealed((shown) => ({ ...shown, [identity.applicationId]: identity }))}
          />
        ) : (
          <Text size="sm" c="dimmed">
            Sealed
          </Text>
        ),
    },
    {
      key: "candidate",
      header: "Candidate",
      cell: (row) =>
        row.candidateId ? (
          <Anchor component={Link} to={`/candidates/${row.candidateId}`} size="sm">
            Open candidate
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            Not promoted
          </Text>
        ),
    },
  ];

  return (
    <Section title="Selected">
      <Group mb="xs">
        <Text size="sm" c="dimmed">
          {selected.data ? `${count(selected.data.length)} of capacity ${count(cycle.capacity)}.` : ""} Identities stay
          sealed until an admin reveals one; every reveal is recorded in the audit log.
        </Text>
      </Group>
      <DataTable
        data-testid="selected-table"
        minWidth={820}
        columns={columns}
        rowKey={(row) => row.applicationId}
        {...queryRows(selected)}
        errorTitle="Could not load the selected applicants"
        empty={
          <Empty
            title="Nobody selected yet"
            description="Run selection once the cycle is scored."
            icon={<IconUserCheck aria-hidden />}
          />
        }
      />
    </Section>
  );
}
