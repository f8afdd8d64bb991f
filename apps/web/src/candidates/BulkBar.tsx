import { Button, Group, Paper, Text } from "@mantine/core";
import { IconFileSpreadsheet, IconTag, IconTagOff, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { downloadText } from "../lib/download";
import { plural } from "../lib/format";
import { OUTCOME_LABEL } from "../jobs";
import { toCsv } from "./csv";
import { TagDialog, type TagMode } from "./TagDialog";
import type { CandidateRow } from "./types";

const HEADER = ["Name", "Email", "Tags", "Applications", "Score (percentile)", "Added", "Last activity", "Consent"];

/** The selection as CSV rows: one per person, their applications in one cell. */
export function selectionCsv(rows: readonly CandidateRow[]) {
  return toCsv(
    HEADER,
    rows.map((r) => [
      r.name,
      r.email,
      r.tags.join("; "),
      r.applications
        .map((a) => `${a.jobTitle} at ${a.company}: ${a.stageName} (${OUTCOME_LABEL[a.outcome]})`)
        .join("; "),
      r.score === null ? "" : Math.round(r.score * 10) / 10,
      r.createdAt.toISOString(),
      r.lastActivityAt.toISOString(),
      r.consentGiven ? "yes" : "no",
    ]),
  );
}

/** What can be done with the selected people at once: tag, untag, export as CSV. */
export function BulkBar({ rows, onClear }: { rows: readonly CandidateRow[]; onClear: () => void }) {
  const [tagging, setTagging] = useState<TagMode | null>(null);
  const exportCsv = () =>
    downloadText(
      `shortlist-candidates-${new Date().toISOString().slice(0, 10)}.csv`,
      selectionCsv(rows),
      "text/csv;charset=utf-8",
    );
  return (
    <Paper withBorder p="xs" radius="md" bg="indigo.0" role="region" aria-label="Selected candidates">
      <Group justify="space-between" gap="sm">
        <Text size="sm" fw={600} data-testid="selection-count" aria-live="polite">
          {plural(rows.length, "candidate")} selected
        </Text>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconTag size={14} aria-hidden />}
            onClick={() => setTagging("add")}
          >
            Tag
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconTagOff size={14} aria-hidden />}
            onClick={() => setTagging("remove")}
          >
            Remove tags
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFileSpreadsheet size={14} aria-hidden />}
            onClick={exportCsv}
          >
            Export CSV
          </Button>
          <Button size="xs" variant="subtle" leftSection={<IconX size={14} aria-hidden />} onClick={onClear}>
            Clear selection
          </Button>
        </Group>
      </Group>
      <TagDialog mode={tagging} rows={rows} onClose={() => setTagging(null)} />
    </Paper>
  );
}
