import { Modal } from "@mantine/core";
import type { CandidateDTO } from "@shortlist/api";
import { lazy, Suspense } from "react";
import { PageLoader } from "../ui/PageLoader";

// The form brings zod, @mantine/form and TagsInput: loaded on first opening.
const CandidateForm = lazy(() => import("./CandidateForm"));

interface Props {
  opened: boolean;
  onClose: () => void;
  /** Edit this candidate; create a new one when absent. */
  candidate?: CandidateDTO;
}

export function CandidateFormModal({ opened, onClose, candidate }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={candidate ? `Edit ${candidate.name}` : "Add candidate"} size="lg">
      {/* Mounted per opening, so each opening starts from the candidate as it is now. */}
      {opened && (
        <Suspense fallback={<PageLoader label="Loading the form" />}>
          <CandidateForm candidate={candidate} onDone={onClose} />
        </Suspense>
      )}
    </Modal>
  );
}
