import { Group, Progress, Stack, Text } from "@mantine/core";
import type { CycleDto } from "@shortlist/api";
import {
  IconCalculator,
  IconCheck,
  IconDatabaseExport,
  IconDoorEnter,
  IconFlag,
  IconListCheck,
  IconLock,
  IconPlayerPlay,
  IconSend,
  IconWand,
} from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { count, percent, plural } from "../../lib/format";
import { useHasRole } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { Section } from "../../ui/Section";
import { MoveButton } from "./MoveButton";
import { useMoves } from "./useMoves";

const icon = (Icon: typeof IconCheck) => <Icon size={16} aria-hidden />;

/** The moves the cycle's phase allows (admins), and the progress of preprocessing while it runs. */
export function BoardActions({ cycle }: { cycle: CycleDto }) {
  const isAdmin = useHasRole("admin");
  const moves = useMoves(cycle.id);
  const id = cycle.id;
  const work = cycle.work;
  const stopped = cycle.phase === "PREPROCESSING" && !!work && !work.running && work.done < work.total;
  const busy = !!work?.running;
  const notPromoted = useNotPromoted(cycle, isAdmin && cycle.phase === "PUBLISHED");

  const actions = (() => {
    switch (cycle.phase) {
      case "DRAFT":
        return (
          <MoveButton
            cycleId={id}
            move={moves.open}
            label="Open applications"
            icon={icon(IconDoorEnter)}
            confirm={`The public form at /apply/${cycle.slug} starts taking applications; the questions and criteria can no longer change.`}
          />
        );
      case "SUBMISSION":
        return (
          <MoveButton
            cycleId={id}
            move={moves.freeze}
            label="Freeze applications"
            icon={icon(IconLock)}
            confirm={`The form stops taking applications for good; the ${plural(cycle.applications, "application")} received so far are kept.`}
          />
        );
      case "FROZEN":
        return (
          <MoveButton
            cycleId={id}
            move={moves.preprocess}
            label="Start preprocessing"
            icon={icon(IconWand)}
            confirm="Every application's answers are copied with personal data replaced by placeholders, and their metrics computed. It runs in the background: you may leave this page."
          />
        );
      case "PREPROCESSING":
        return (
          <>
            {stopped && (
              <MoveButton
                cycleId={id}
                move={moves.preprocess}
                label="Resume preprocessing"
                icon={icon(IconPlayerPlay)}
              />
            )}
            <MoveButton
              cycleId={id}
              move={moves.startBatchPrep}
              label="Start batch prep"
              icon={icon(IconListCheck)}
              disabled={busy || stopped}
              confirm="The anonymized applications become ready to export for outside evaluators."
            />
          </>
        );
      case "BATCH_PREP":
        return (
          <>
            <MoveButton
              cycleId={id}
              move={moves.exportBatch}
              label="Export batch"
              variant="default"
              icon={icon(IconDatabaseExport)}
            />
            <MoveButton
              cycleId={id}
              move={moves.startProcessing}
              label="Start processing"
              icon={icon(IconPlayerPlay)}
              confirm="No more batches can be exported; evaluators' results can be imported and reviewers score."
            />
          </>
        );
      case "PROCESSING":
        return (
          <MoveButton
            cycleId={id}
            move={moves.score}
            label="Compute scores"
            icon={icon(IconCalculator)}
            confirm="Final scores are computed from the evaluations imported and the reviewers' scores; no more results can be imported."
          />
        );
      case "SCORED":
        return (
          <MoveButton
            cycleId={id}
            move={moves.select}
            label="Run selection"
            icon={icon(IconCheck)}
            repeatable
            confirm={`The top ${count(cycle.capacity)} by final score are selected, with the overrides set. It can be run again (after overrides) until outcomes are published.`}
          />
        );
      case "SELECTION":
        return (
          <MoveButton
            cycleId={id}
            move={moves.publish}
            label="Publish outcomes"
            icon={icon(IconSend)}
            confirm="Applicants see their outcome with their receipt; the selection can no longer change."
          />
        );
      case "PUBLISHED":
        return (
          <MoveButton
            cycleId={id}
            move={moves.complete}
            label="Complete cycle"
            icon={icon(IconFlag)}
            confirm="The cycle is frozen for good: nothing in it can change afterwards; admins can still reveal the selected applicants' identities."
            warning={
              notPromoted > 0 &&
              `${plural(notPromoted, "selected applicant is", "selected applicants are")} not promoted into a job yet, and cannot be once the cycle is completed: promote them on the Selection page first.`
            }
          />
        );
      case "COMPLETED":
        return null;
    }
  })();

  return (
    <Section title="Next steps" data-testid="cycle-actions">
      <Stack gap="sm">
        {work && cycle.phase === "PREPROCESSING" && <WorkProgress work={work} />}
        {cycle.phase === "COMPLETED" ? (
          <Text size="sm" c="dimmed">
            This cycle is completed: nothing in it can change. Admins can still reveal the selected applicants&apos;
            identities on the Selection page.
          </Text>
        ) : isAdmin ? (
          <Group gap="sm">{actions}</Group>
        ) : (
          <Text size="sm" c="dimmed">
            Admins move the cycle from one phase to the next.
          </Text>
        )}
      </Stack>
    </Section>
  );
}

/** How many selected applicants were not promoted into a job yet (read only when `enabled`: before completing). */
function useNotPromoted(cycle: CycleDto, enabled: boolean): number {
  const trpc = useTRPC();
  const selected = useQuery(trpc.admissions.selection.selected.queryOptions({ cycleId: cycle.id }, { enabled }));
  return selected.data?.filter((applicant) => !applicant.candidateId).length ?? 0;
}

function WorkProgress({ work }: { work: NonNullable<CycleDto["work"]> }) {
  const share = work.total ? work.done / work.total : 1;
  const state = work.running ? "running" : work.done >= work.total ? "done" : "stopped: resume it";
  return (
    <Stack gap={4}>
      <Progress
        value={share * 100}
        aria-label="Preprocessing progress"
        aria-valuetext={`${count(work.done)} of ${count(work.total)}`}
        animated={work.running}
        size="lg"
        color={work.running || work.done >= work.total ? "indigo" : "orange"}
      />
      <Text size="sm" c="dimmed" role="status" data-testid="preprocessing-progress">
        {`${count(work.done)} of ${plural(work.total, "application")} anonymized (${percent(share)}), ${state}`}
      </Text>
    </Stack>
  );
}
