import { Modal } from "@mantine/core";
import { lazy, Suspense } from "react";
import { PageLoader } from "../ui/PageLoader";
import type { JobDetail } from "./types";

// The form brings zod and @mantine/form: loaded on first opening.
const JobForm = lazy(() => import("./JobForm"));

interface Props {
  opened: boolean;
  onClose: () => void;
  /** Edit this job; open a new one when absent. */
  job?: JobDetail;
}

export function JobFormModal({ opened, onClose, job }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={job ? `Edit ${job.title}` : "New job"} size="lg">
      {/* Mounted per opening, so each opening starts from the job as it is now. */}
      {opened && (
        <Suspense fallback={<PageLoader label="Loading the form" />}>
          <JobForm job={job} onDone={onClose} />
        </Suspense>
      )}
    </Modal>
  );
}
