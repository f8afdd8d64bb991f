import { Alert, List, Stack, Text } from "@mantine/core";
import {
  batchResult,
  IMPORT_RESULTS_MAX_ROWS,
  mergeBatchResults,
  rowReason,
  type BatchResult,
} from "@shortlist/api/schemas";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../../lib/errors";
import { count, plural } from "../../lib/format";
import { chunkRows, parseJsonl } from "../../lib/jsonl";
import { useTRPCClient } from "../../lib/trpc";
import { Section } from "../../ui/Section";
import { useMoveHandlers } from "./useMoves";
import { ImportProgress, JsonlFilePicker } from "../../ui/JsonlFilePicker";

/** The server's body limit is about 1 MB: chunks stay near half of it. */
const MAX_CHUNK_BYTES = 512 * 1024;
/** Bigger files belong to the CLI (`shortlist admissions import-results`), which streams them. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Rejected lines shown one per line; the rest are counted. */
const MAX_SHOWN = 200;

interface Done {
  fileName: string;
  result: BatchResult;
  /** Lines sent before a call failed, when one did: the rest were not imported. */
  stoppedAfterLine?: number;
  failure?: unknown;
}

/**
 * Worker and judge results (PROCESSING, admins): the JSONL file read and numbered in the browser, sent in chunks to
 * admissions.importResults; each line is imported, skipped (already imported: a re-run adds nothing) or rejected
 * with its reason, listed by line. Lines that are not JSON objects are rejected here and not sent.
 */
export function ImportResults({ cycleId }: { cycleId: string }) {
  const client = useTRPCClient();
  const { refresh } = useMoveHandlers(cycleId);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ value: number; label: string } | null>(null);

  const importing = useMutation({
    mutationKey: ["admissions", "importResults", "file"],
    async mutationFn(source: File): Promise<Done> {
      if (source.size > MAX_FILE_BYTES)
        throw new Error(
          `${source.name} is larger than ${MAX_FILE_BYTES / 1_048_576} MB: import it with the CLI (shortlist admissions import-results).`,
        );
      const { rows, unreadable } = parseJsonl(await source.text(), "a worker or judge result");
      let result = batchResult(
        unreadable.map((u) => ({
          line: u.line,
          outcome: "rejected",
          problems: [{ path: "(input)", message: u.reason }],
        })),
      );
      if (!rows.length && !unreadable.length)
        throw new Error(`${source.name} holds no results: expected one JSON object per line.`);
      const chunks = chunkRows(rows, IMPORT_RESULTS_MAX_ROWS, MAX_CHUNK_BYTES);
      for (const [i, part] of chunks.entries()) {
        setProgress({
          value: (100 * i) / chunks.length,
          label: `Importing lines ${part[0]!.line}–${part.at(-1)!.line}…`,
        });
        try {
          result = mergeBatchResults(result, await client.admissions.importResults.mutate({ cycleId, rows: part }));
        } catch (failure) {
          if (i === 0 && !unreadable.length) throw failure;
          return { fileName: source.name, result, stoppedAfterLine: chunks[i - 1]?.at(-1)?.line ?? 0, failure };
        }
      }
      setProgress({ value: 100, label: "Imported" });
      return { fileName: source.name, result };
    },
    onSettled: async () => {
      setProgress(null);
      await refresh();
    },
  });

  return (
    <Section title="Results">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          A JSON Lines file of worker results (kind “worker”: batchId, applicationId, evaluatorId, contentHash, scores,
          rationale) and judge results (kind “judge”: the worker’s evaluatorId, judgeId, verdict accept / adjust /
          reject, adjustedScores, reason). Importing the same file again adds nothing.
        </Text>
        <JsonlFilePicker
          label="Results file (JSONL)"
          testId="results-file"
          file={file}
          onChange={(next) => {
            setFile(next);
            importing.reset();
          }}
          action="Import results"
          onImport={(chosen) => importing.mutate(chosen)}
          pending={importing.isPending}
        />
        {progress && <ImportProgress value={progress.value} label={progress.label} />}
        {importing.isError && (
          <Alert color="red" variant="light" title="Nothing was imported" role="alert">
            {errorMessage(importing.error)}
          </Alert>
        )}
        {importing.data && <ImportSummary done={importing.data} />}
      </Stack>
    </Section>
  );
}

/** What happened to the file's lines, e.g. "1 line imported, 5 rejected from results.jsonl". */
function outcomeTitle({ fileName, result, failure }: Done) {
  if (failure) return "The import stopped";
  const parts = [`${plural(result.created, "line")} imported`];
  if (result.skipped) parts.push(`${count(result.skipped)} skipped`);
  if (result.rejected) parts.push(`${count(result.rejected)} rejected`);
  return `${parts.join(", ")} from ${fileName}`;
}

function ImportSummary({ done }: { done: Done }) {
  const { result } = done;
  const rejected = result.results.filter((r) => r.outcome === "rejected");
  const shown = rejected.slice(0, MAX_SHOWN);
  return (
    <Alert
      color={done.failure ? "red" : rejected.length ? "orange" : "green"}
      variant="light"
      title={<span data-testid="import-title">{outcomeTitle(done)}</span>}
      role="status"
    >
      <Text size="sm" data-testid="import-summary">
        {count(result.created)} created · {count(result.skipped)} skipped (already imported) · {count(result.rejected)}{" "}
        rejected
      </Text>
      {done.failure !== undefined && (
        <Text size="sm" mt="xs">
          Lines after {done.stoppedAfterLine} were not imported: {errorMessage(done.failure)} Import the file again to
          add the rest; lines already imported are skipped.
        </Text>
      )}
      {shown.length > 0 && (
        <List size="sm" spacing={2} mt="xs" data-testid="import-rejected">
          {shown.map((r) => (
            <List.Item key={r.line}>
              line {r.line}: {rowReason(r)}
            </List.Item>
          ))}
        </List>
      )}
      {rejected.length > shown.length && (
        <Text size="sm" mt="xs">
          …and {plural(rejected.length - shown.length, "more rejected line")}.
        </Text>
      )}
    </Alert>
  );
}
