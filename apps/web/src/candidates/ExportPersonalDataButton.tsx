import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { CandidateDTO } from "@shortlist/api";
import { IconFileExport } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { downloadJson } from "../lib/download";
import { errorMessage } from "../lib/errors";
import { useTRPC } from "../lib/trpc";

/** GDPR export: everything Shortlist holds about the person, as one JSON file (the export itself is audited). */
export function ExportPersonalDataButton({ candidate }: { candidate: CandidateDTO }) {
  const trpc = useTRPC();
  const exportData = useMutation(
    trpc.candidates.exportPersonalData.mutationOptions({
      onSuccess(document) {
        downloadJson(`shortlist-personal-data-${candidate.id}.json`, document);
        notifications.show({
          color: "green",
          title: "Personal data exported",
          message: `Everything held about ${candidate.name} was downloaded as JSON.`,
        });
      },
      onError(error) {
        notifications.show({ color: "red", title: "Not exported", message: errorMessage(error) });
      },
    }),
  );
  return (
    <Button
      variant="default"
      leftSection={<IconFileExport size={16} aria-hidden />}
      loading={exportData.isPending}
      onClick={() => exportData.mutate({ id: candidate.id })}
    >
      Export data
    </Button>
  );
}
