import { Alert, List, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { AssessmentDTO } from "@shortlist/api";
import { describeProblem, MAX_IMPORT_RECORDS } from "@shortlist/api/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC, useTRPCClient } from "../lib/trpc";
import { errorMessage, errorProblems, errorReason } from "../lib/errors";
import { invalidateAssessments } from "./cache";
import { chunk, parseActivityFile } from "./jsonl";
import { plural } from "../lib/format";
import { JsonlFilePicker } from "../ui/JsonlFilePicker";

/** The server takes about 1 MB per request: chunks stay well under it. */
const MAX_CHUNK_BYTES = 512 * 1024;
/** Bigger files belong to the CLI (`shortlist assessments import`), which streams them. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

interface Written {
  sessions: number;
  questions: number;
  /** The last line of the file that was recorded (0: none). */
  throughLine: number;
}

/** Lines that are not JSON objects: nothing was sent. */
class UnreadableFile extends Error {
  constructor(readonly lines: { line: number; reason: string }[]) {
    super(
      `${plural(lines.length, "line")} of the file ${lines.length === 1 ? "is not a JSON object" : "are not JSON objects"}: fix ${lines.length === 1 ? "it" : "them"} and import the file again.`,
    );
  }
}

/** A chunk was refused (or could not be sent); the chunks before it are recorded. */
class ImportStopped extends Error {
  constructor(
    readonly failure: unknown,
    readonly written: Written,
    readonly lines: [from: number, to: number],
  ) {
    super(errorMessage(failure));
  }
}

interface Done {
  sessions: number;
  questions: number;
  recorded: { sessions: number; questions: number };
  fileName: string;
}

/**
 * Reads a .jsonl activity file in the browser, numbers its lines, and sends it to
 * assessments.importActivity in chunks (each all or nothing on the server).
 */
export function ImportActivity({ assessment }: { assessment: AssessmentDTO }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<string | null>(null);

  const importing = useMutation({
    mutationKey: ["assessments", "importActivity", "file"],
    async mutationFn(source: File): Promise<Done> {
      if (source.size > MAX_FILE_BYTES) {
        throw new Error(
          `${source.name} is larger than ${MAX_FILE_BYTES / 1_048_576} MB: import it with the CLI (shortlist assessments import).`,
        );
      }
      const { records, unreadable } = parseActivityFile(await source.text());
      if (unreadable.length) throw new UnreadableFile(unreadable);
      if (!records.length) throw new Error(`${source.name} holds no activity: expected one JSON object per line.`);
      const chunks = chunk(records, MAX_IMPORT_RECORDS, MAX_CHUNK_BYTES);
      const written: Written = { sessions: 0, questions: 0, throughLine: 0 };
      let recorded = assessment.recorded;
      for (const [i, part] of chunks.entries()) {
        const lines: [number, number] = [part[0]!.line, part.at(-1)!.line];
        if (chunks.length > 1)
          setProgress(`Sending lines ${lines[0]}–${lines[1]} (part ${i + 1} of ${chunks.length})…`);
        try {
          const result = await client.assessments.importActivity.mutate({ assessmentId: assessment.id, rows: part });
          written.sessions += result.sessions;
          written.questions += result.questions;
          written.throughLine = lines[1];
          recorded = result.recorded;
        } catch (error) {
          // A session that ended is the session guard's business: let the error through as it is.
          if (errorReason(error) === "unauthenticated" && !written.throughLine) throw error;
          throw new ImportStopped(error, { ...written }, lines);
        }
      }
      return { sessions: written.sessions, questions: written.questions, recorded, fileName: source.name };
    },
    async onSuccess(done) {
      setFile(null);
      notifications.show({
        color: "green",
        title: "Activity imported",
        message: `${plural(done.sessions, "session")} and ${plural(done.questions, "question")} recorded from ${done.fileName}.`,
      });
      await invalidateAssessments(queryClient, trpc);
    },
    async onError(error) {
      if (error instanceof ImportStopped && error.written.throughLine) await invalidateAssessments(queryClient, trpc);
    },
    onSettled: () => setProgress(null),
  });

  const choose = (next: File | null) => {
    setFile(next);
    importing.reset();
  };

  return (
    <Stack gap="sm">
      <JsonlFilePicker
        label="Activity file"
        description="JSON Lines: one session or question per line (docs/scoring.md §1)"
        testId="activity-file"
        file={file}
        onChange={choose}
        action="Import activity"
        onImport={(chosen) => importing.mutate(chosen)}
        pending={importing.isPending}
      />
      {progress && (
        <Text size="sm" c="dimmed" role="status">
          {progress}
        </Text>
      )}
      {importing.isError && <ImportError error={importing.error} onDismiss={() => importing.reset()} />}
    </Stack>
  );
}

function ImportError({ error, onDismiss }: { error: unknown; onDismiss: () => void }) {
  const common = {
    color: "red",
    variant: "light",
    role: "alert",
    withCloseButton: true,
    closeButtonLabel: "Dismiss",
    onClose: onDismiss,
  } as const;
  if (error instanceof UnreadableFile) {
    return (
      <Alert {...common} title="Nothing was imported">
        <Text size="sm">{error.message}</Text>
        <Problems items={error.lines.map((l) => `line ${l.line}: ${l.reason}`)} />
      </Alert>
    );
  }
  if (error instanceof ImportStopped) {
    const problems = errorReason(error.failure) === "invalid_rows" ? errorProblems(error.failure) : [];
    const { written, lines } = error;
    return (
      <Alert
        {...common}
        title={
          problems.length
            ? `Activity rejected, nothing was written (${plural(problems.length, "problem")})`
            : "The import stopped"
        }
      >
        {written.throughLine > 0 && (
          <Text size="sm" mb="xs">
            Lines 1–{written.throughLine} were recorded before this ({plural(written.sessions, "session")},{" "}
            {plural(written.questions, "question")}
            ); lines {lines[0]}–{lines[1]} were not. Remove the recorded lines from the file before importing the rest:
            their refs are now taken.
          </Text>
        )}
        {problems.length ? <Problems items={problems.map(describeProblem)} /> : <Text size="sm">{error.message}</Text>}
      </Alert>
    );
  }
  return (
    <Alert {...common} title="Nothing was imported">
      {errorMessage(error)}
    </Alert>
  );
}

function Problems({ items }: { items: string[] }) {
  return (
    <List size="sm" spacing={2} mt="xs" data-testid="import-problems">
      {items.map((item, i) => (
        <List.Item key={i}>{item}</List.Item>
      ))}
    </List>
  );
}
