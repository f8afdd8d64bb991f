import { Button, Group, Menu, Paper, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { applicationActionBlocked, type ApplicationAction } from "@shortlist/api/schemas";
import { IconArrowRight, IconChevronDown, IconDownload, IconTag, IconX } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../../lib/errors";
import { plural } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { Blocked, blockedProps } from "../Blocked";
import { describeBulk } from "../bulk-results";
import { RejectDialog, type RejectTarget } from "../RejectDialog";
import { refreshJob } from "../refresh";
import type { ApplicationRow, JobDetail } from "../types";
import { exportApplications } from "./export";
import { TagDialog } from "./TagDialog";

interface Props {
  job: JobDetail;
  selected: readonly ApplicationRow[];
  onClear: () => void;
}

/** Why none of the selection allows `action` (then the button is disabled with it), or null. */
function blockedForAll(action: ApplicationAction, rows: readonly ApplicationRow[], job: JobDetail) {
  const reasons = rows.map((row) => applicationActionBlocked(action, row.outcome, job.status));
  return reasons.every(Boolean) ? (reasons[0] ?? null) : null;
}

/** What can be done to the selected rows at once: move, reject, tag, export. */
export function BulkBar({ job, selected, onClear }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState<RejectTarget[] | null>(null);
  const [tagging, setTagging] = useState(false);
  const bulk = useMutation(
    trpc.applications.bulk.mutationOptions({
      async onSuccess({ results }, { action }) {
        notifications.show(describeBulk(results, action.type === "move" ? "moved" : "tagged"));
        onClear();
        await refreshJob(queryClient, trpc, job.id);
      },
      onError(error) {
        notifications.show({ color: "red", title: "Nothing was changed", message: errorMessage(error) });
      },
    }),
  );
  if (selected.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Select rows to move, reject, tag or export them together.
      </Text>
    );
  }
  const ids = selected.map((row) => row.applicationId);
  const moveBlocked = blockedForAll("move", selected, job);
  const rejectBlocked = blockedForAll("reject", selected, job);

  return (
    <Paper withBorder p="xs" radius="md" bg="indigo.0" data-testid="bulk-bar">
      <Group gap="sm">
        <Text size="sm" fw={600} aria-live="polite">
          {plural(selected.length, "selected", "selected")}
        </Text>
        {moveBlocked ? (
          <Blocked reason={moveBlocked}>
            <Button size="xs" variant="default" {...blockedProps(moveBlocked, () => undefined)}>
              Move to stage
            </Button>
          </Blocked>
        ) : (
          <Menu position="bottom-start" withinPortal>
            <Menu.Target>
              <Button
                size="xs"
                variant="default"
                rightSection={<IconChevronDown size={14} aria-hidden />}
                loading={bulk.isPending && bulk.variables.action.type === "move"}
              >
                Move to stage
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {job.stages.map((stage) => (
                <Menu.Item
                  key={stage.id}
                  leftSection={<IconArrowRight size={14} aria-hidden />}
                  onClick={() => bulk.mutate({ ids, action: { type: "move", stageId: stage.id } })}
                >
                  {stage.name}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
        <Blocked reason={rejectBlocked}>
          <Button
            size="xs"
            variant="default"
            color="red"
            leftSection={<IconX size={14} aria-hidden />}
            {...blockedProps(rejectBlocked, () =>
              setRejecting(
                selected.map((row) => ({ applicationId: row.applicationId, version: row.version, name: row.name })),
              ),
            )}
          >
            Reject…
          </Button>
        </Blocked>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconTag size={14} aria-hidden />}
          onClick={() => setTagging(true)}
          loading={bulk.isPending && bulk.variables.action.type === "tag"}
        >
          Tag…
        </Button>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconDownload size={14} aria-hidden />}
          onClick={() => exportApplications(job, selected)}
        >
          Export CSV
        </Button>
        <Button size="xs" variant="subtle" onClick={onClear}>
          Clear selection
        </Button>
      </Group>
      <RejectDialog jobId={job.id} targets={rejecting} onClose={() => setRejecting(null)} onDone={onClear} />
      <TagDialog
        opened={tagging}
        count={selected.length}
        onClose={() => setTagging(false)}
        onSubmit={(add, remove) => {
          setTagging(false);
          bulk.mutate({ ids, action: { type: "tag", add, remove } });
        }}
      />
    </Paper>
  );
}
