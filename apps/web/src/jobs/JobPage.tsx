import { Button, Group, SegmentedControl, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { idInput, jobTakesApplications } from "@shortlist/api/schemas";
import { IconBriefcaseOff, IconLayoutKanban, IconList, IconUserPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useParams, useSearchParams } from "react-router";
import { useHasRole } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { BackLink, RecordPage } from "../ui/RecordPage";
import { AddCandidateDialog } from "./AddCandidateDialog";
import { Blocked, blockedProps } from "./Blocked";
import { Board } from "./board/Board";
import { ClosedApplications } from "./ClosedApplications";
import { JobHeader } from "./JobHeader";
import { ApplicationsList } from "./list/ApplicationsList";
import { StagesSection } from "./stages/StagesSection";
import type { JobDetail } from "./types";

export default function JobPage() {
  const { id = "" } = useParams();
  const validId = idInput.safeParse({ id }).success;
  const trpc = useTRPC();
  const query = useQuery(trpc.jobs.get.queryOptions({ id }, { enabled: validId }));

  return (
    <RecordPage
      validId={validId}
      query={query}
      back={BACK}
      notFound={{
        title: "Job not found",
        description: "The link may be wrong.",
        icon: <IconBriefcaseOff aria-hidden />,
      }}
      errorTitle="Could not load this job"
      skeleton={[320]}
    >
      {(job) => <Job key={job.id} job={job} />}
    </RecordPage>
  );
}

const BACK = { to: "/jobs", label: "All jobs" };

type View = "board" | "list";

function Job({ job }: { job: JobDetail }) {
  const canWrite = useHasRole("writers");
  const [params, setParams] = useSearchParams();
  const view: View = params.get("view") === "list" ? "list" : "board";
  const setView = (next: string) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next === "list") updated.set("view", "list");
        else updated.delete("view");
        return updated;
      },
      { replace: true },
    );

  return (
    <Stack gap="lg">
      <BackLink {...BACK} />
      <JobHeader job={job} canWrite={canWrite} />
      <StagesSection job={job} canWrite={canWrite} />
      <Group justify="space-between">
        <SegmentedControl
          aria-label="View"
          value={view}
          onChange={setView}
          data={[
            { value: "board", label: <ViewLabel icon={<IconLayoutKanban size={16} aria-hidden />} text="Board" /> },
            { value: "list", label: <ViewLabel icon={<IconList size={16} aria-hidden />} text="List" /> },
          ]}
        />
        {canWrite && <AddCandidateButton job={job} />}
      </Group>
      {view === "board" ? (
        <Board key={job.id} job={job} canWrite={canWrite} />
      ) : (
        <ApplicationsList job={job} canWrite={canWrite} />
      )}
      <ClosedApplications job={job} canWrite={canWrite} />
    </Stack>
  );
}

function AddCandidateButton({ job }: { job: JobDetail }) {
  const [opened, dialog] = useDisclosure(false);
  const reason = jobTakesApplications(job.status) ? null : "The job is closed; reopen it to add candidates";
  return (
    <>
      <Blocked reason={reason}>
        <Button leftSection={<IconUserPlus size={16} aria-hidden />} {...blockedProps(reason, dialog.open)}>
          Add candidate
        </Button>
      </Blocked>
      <AddCandidateDialog job={job} opened={opened} onClose={dialog.close} />
    </>
  );
}

function ViewLabel({ icon, text }: { icon: ReactNode; text: string }) {
  return (
    <Group gap={6} wrap="nowrap" justify="center">
      {icon}
      <span>{text}</span>
    </Group>
  );
}
