import { Button, Code, Stack, Text } from "@mantine/core";
import type { SelectionLogDto } from "@shortlist/api";
import { IconHistory } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { DataTable, queryRows, type Column } from "../../ui/DataTable";
import { Empty } from "../../ui/Empty";
import { Section } from "../../ui/Section";

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** Every selection run, newest first: who ran it, the rule, and (opened) its inputs and result. */
export function SelectionLog({ cycleId }: { cycleId: string }) {
  const trpc = useTRPC();
  const logs = useQuery(trpc.admissions.selection.logs.queryOptions({ cycleId }));
  const [open, setOpen] = useState<string | null>(null);
  const columns: Column<SelectionLogDto>[] = [
    { key: "when", header: "Run", skeletonWidth: 140, cell: (log) => formatDateTime(log.createdAt) },
    { key: "by", header: "By", cell: (log) => log.runByName ?? "—" },
    {
      key: "rule",
      header: "Rule",
      skeletonWidth: 240,
      cell: (log) => (
        <Text size="sm" lineClamp={open === log.id ? undefined : 2}>
          {log.rule}
        </Text>
      ),
    },
    {
      key: "details",
      header: "Details",
      cell: (log) => (
        <Button
          size="xs"
          variant="subtle"
          aria-expanded={open === log.id}
          onClick={() => setOpen((current) => (current === log.id ? null : log.id))}
        >
          {open === log.id ? "Hide inputs and result" : "Show inputs and result"}
        </Button>
      ),
    },
  ];
  return (
    <Section title="Selection log">
      <DataTable
        data-testid="selection-log"
        minWidth={640}
        columns={columns}
        rowKey={(log) => log.id}
        {...queryRows(logs)}
        errorTitle="Could not load the selection log"
        expandedRow={(log) =>
          open === log.id && (
            <Stack gap="xs">
              <Text size="xs" fw={600}>
                Inputs
              </Text>
              <Code block>{json(log.inputs)}</Code>
              <Text size="xs" fw={600}>
                Result
              </Text>
              <Code block>{json(log.result)}</Code>
            </Stack>
          )
        }
        empty={<Empty title="No selection run yet" icon={<IconHistory aria-hidden />} />}
      />
    </Section>
  );
}
