import { Alert, List, Modal, Progress, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { describeProblem, type Problem } from "@shortlist/api/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, errorProblems, errorReason } from "../../lib/errors";
import { plural } from "../../lib/format";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import { chunkRows, parseQuestionFile, type QuestionRow } from "./jsonl";
import { ImportProgress, JsonlFilePicker } from "../../ui/JsonlFilePicker";

/** questions.import takes at most 500 rows a call; the server's body limit is about 1 MB. */
const MAX_ROWS = 500;
const MAX_CHUNK_BYTES = 512 * 1024;
/** Bigger files belong to the CLI (`shortlist questions import`), which streams them. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Shown one per line; the rest are counted. */
const MAX_SHOWN = 200;

/** Why nothing was imported: lines that are not JSON objects, or the server's problems with the rows. */
class Refused extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
  }
}

/** A call failed part-way through the import: the lines before it are in the bank. */
class Stopped extends Error {
  constructor(
    readonly failure: unknown,
    readonly throughLine: number,
  ) {
    super(errorMessage(failure));
  }
}

interface Progress {
  label: string;
  /** 0–100. */
  value: number;
}

interface Done {
  created: number;
  skipped: number;
  fileName: string;
}

/**
 * Imports a .jsonl file of questions (one a line, as an export writes them): read and numbered in the browser, every
 * row checked by the server first (a dry run per batch of 500), then written batch by batch, so a file with any bad
 * line writes nothing and its problems are listed one per line. A question whose text the bank holds is skipped.
 */
export function ImportQuestions({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);

  const importing = useMutation({
    mutationKey: ["questions", "import", "file"],
    async mutationFn(source: File): Promise<Done> {
      if (source.size > MAX_FILE_BYTES) {
        throw new Error(
          `${source.name} is larger than ${MAX_FILE_BYTES / 1_048_576} MB: import it with the CLI (shortlist questions import).`,
        );
      }
      const { rows, unreadable } = parseQuestionFile(await source.text());
      if (unreadable.length) {
        throw new Refused(
          `${plural(unreadable.length, "line")} of the file ${unreadable.length === 1 ? "is not a JSON object" : "are not JSON objects"}: nothing was imported.`,
          unreadable.map((u) => `line ${u.line}: ${u.reason}`),
        );
      }
      if (!rows.length) throw new Error(`${source.name} holds no questions: expected one JSON object per line.`);
      const chunks = chunkRows(rows, MAX_ROWS, MAX_CHUNK_BYTES);
      const steps = chunks.length * 2;
      const linesOf = (part: QuestionRow[]) => `lines ${part[0]!.line}–${part.at(-1)!.line}`;

      const problems: Problem[] = [];
      for (const [i, part] of chunks.entries()) {
        setProgress({ label: `Checking ${linesOf(part)}…`, value: (100 * i) / steps });
        try {
          await client.questions.import.mutate({ rows: part, dryRun: true });
        } catch (error) {
          if (errorReason(error) !== "invalid_rows") throw error;
          problems.push(...errorProblems(error));
        }
      }
      if (problems.length) {
        throw new Refused(
          `${plural(problems.length, "problem")} in ${source.name}: nothing was imported. Fix the lines below and import the file again.`,
          problems.map(describeProblem),
        );
      }

      const done: Done = { created: 0, skipped: 0, fileName: source.name };
      let throughLine = 0;
      for (const [i, part] of chunks.entries()) {
        setProgress({ label: `Importing ${linesOf(part)}…`, value: (100 * (chunks.length + i)) / steps });
        try {
          const result = await client.questions.import.mutate({ rows: part });
          done.created += result.created;
          done.skipped += result.skipped;
          throughLine = part.at(-1)!.line;
        } catch (error) {
          if (!throughLine) throw error;
          throw new Stopped(error, throughLine);
        }
      }
      setProgress({ label: "Imported", value: 100 });
      return done;
    },
    async onSuccess(done) {
      notifications.show({
        color: "green",
        title: "Questions imported",
        message: `${plural(done.created, "question")} added from ${done.fileName}${done.skipped ? `; ${plural(done.skipped, "line")} already in the bank` : ""}.`,
      });
      setFile(null);
      onClose();
    },
    async onSettled() {
      setProgress(null);
      await queryClient.invalidateQueries({ queryKey: trpc.questions.list.pathKey() });
    },
  });

  const close = () => {
    if (importing.isPending) return;
    importing.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="Import questions" size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          A JSON Lines file, one question a line with the fields of an export (text, type, difficulty, skills, tags,
          rubric, idealAnswer, followUps, timeLimitSeconds, active). Questions already in the bank are skipped.
        </Text>
        <JsonlFilePicker
          label="Questions file"
          testId="questions-file"
          file={file}
          onChange={(next) => {
            setFile(next);
            importing.reset();
          }}
          action="Import"
          onImport={(chosen) => importing.mutate(chosen)}
          pending={importing.isPending}
          autoFocus
        />
        {progress && <ImportProgress value={progress.value} label={progress.label} />}
        {importing.isError && <ImportError error={importing.error} />}
      </Stack>
    </Modal>
  );
}

function ImportError({ error }: { error: unknown }) {
  if (error instanceof Refused) {
    const shown = error.problems.slice(0, MAX_SHOWN);
    const more = error.problems.length - shown.length;
    return (
      <Alert color="red" variant="light" title="Nothing was imported" role="alert">
        <Text size="sm">{error.message}</Text>
        <List size="sm" spacing={2} mt="xs" data-testid="import-problems">
          {shown.map((problem, i) => (
            <List.Item key={i}>{problem}</List.Item>
          ))}
        </List>
        {more > 0 && (
          <Text size="sm" mt="xs">
            …and {plural(more, "more problem")}.
          </Text>
        )}
      </Alert>
    );
  }
  if (error instanceof Stopped) {
    return (
      <Alert color="red" variant="light" title="The import stopped" role="alert">
        <Text size="sm">
          Lines 1–{error.throughLine} were imported before this: {error.message} Import the file again to add the rest;
          the questions already added are skipped.
        </Text>
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" title="Nothing was imported" role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
