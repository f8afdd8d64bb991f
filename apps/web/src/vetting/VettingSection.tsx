import { Stack } from "@mantine/core";
import type { CandidateDetailDTO } from "@shortlist/api";
import { AssessmentsSection } from "./AssessmentsSection";
import { ReportsSection } from "./ReportsSection";

/** The candidate page's vetting part (lazy-loaded): assessments with their metrics, and reports. */
export default function VettingSection({ candidate }: { candidate: CandidateDetailDTO }) {
  return (
    <Stack gap="lg">
      <AssessmentsSection candidate={candidate} />
      <ReportsSection candidate={candidate} />
    </Stack>
  );
}
