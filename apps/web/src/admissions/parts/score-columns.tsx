import { Anchor, Text } from "@mantine/core";
import type { CycleDto, ScoreRowDto } from "@shortlist/api";
import { Link } from "react-router";
import { count } from "../../lib/format";
import type { Column } from "../../ui/DataTable";
import { OverrideNote, StatusBadge } from "./badges";
import { score10 } from "./labels";

const right = { th: { ta: "right" }, td: { ta: "right", ff: "monospace" } } as const;

/** The scores table's columns: rank, application, score, each criterion's mean, evaluations, status, override. */
export function scoreColumns(cycle: CycleDto): Column<ScoreRowDto>[] {
  return [
    { key: "rank", header: "Rank", ...right, cell: (row) => count(row.rank) },
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
      ...right,
      cell: (row) => (
        <Text span fw={700} ff="monospace" size="sm">
          {score10(row.score)}
        </Text>
      ),
    },
    ...cycle.criteria.map((c): Column<ScoreRowDto> => ({
      key: `criterion-${c.key}`,
      header: c.label,
      ...right,
      cell: (row) => score10(row.criteria[c.key]?.mean),
    })),
    {
      key: "evaluations",
      header: "Evaluations",
      th: right.th,
      td: { ta: "right" },
      cell: (row) => count(row.evaluations),
    },
    { key: "status", header: "Status", cell: (row) => <StatusBadge status={row.status} /> },
    {
      key: "override",
      header: "Override",
      cell: (row) => <OverrideNote override={row.override} />,
    },
  ];
}
