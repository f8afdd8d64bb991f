import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { QuestionExportRow } from "@shortlist/api";
import { IconDownload } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { downloadText } from "../../lib/download";
import { errorMessage } from "../../lib/errors";
import { count, plural } from "../../lib/format";
import { useTRPCClient } from "../../lib/trpc";
import type { BankStatus } from "./filters";
import { toJsonl } from "./jsonl";

const PAGE = 500;
/** What a browser tab comfortably holds as one file; a bigger bank is exported with the CLI, which streams. */
const MAX_ROWS = 20_000;

/** Downloads the bank (active, retired or all, as the list shows) as JSONL, an import's format, page by page. */
export function ExportQuestions({ status }: { status: BankStatus }) {
  const client = useTRPCClient();
  const exporting = useMutation({
    mutationKey: ["questions", "export", "file"],
    async mutationFn() {
      const rows: QuestionExportRow[] = [];
      let cursor: string | null = null;
      do {
        const page = await client.questions.export.query({
          active: status === "all" ? "all" : status === "active",
          limit: PAGE,
          cursor,
        });
        rows.push(...page.rows);
        cursor = page.nextCursor;
        if (cursor && rows.length >= MAX_ROWS) {
          throw new Error(
            `The bank holds more than ${count(MAX_ROWS)} questions: export it with the CLI (shortlist questions export).`,
          );
        }
      } while (cursor);
      const day = new Date().toISOString().slice(0, 10);
      downloadText(`questions-${status}-${day}.jsonl`, toJsonl(rows), "application/jsonl");
      return rows.length;
    },
    onSuccess(n) {
      notifications.show({ color: "green", title: "Questions exported", message: `${plural(n, "question")} saved.` });
    },
    onError(error) {
      notifications.show({ color: "red", title: "Export failed", message: errorMessage(error) });
    },
  });
  return (
    <Button
      variant="default"
      leftSection={<IconDownload size={16} aria-hidden />}
      onClick={() => exporting.mutate()}
      loading={exporting.isPending}
    >
      Export
    </Button>
  );
}
