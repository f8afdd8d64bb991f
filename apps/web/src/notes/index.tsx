import { Skeleton } from "@mantine/core";
import { lazy, Suspense } from "react";

const LazyTimeline = lazy(() => import("./CandidateTimeline"));

/** The candidate page's Timeline (a note composer, notes and the person's history): its own chunk, loaded once the candidate is on screen. */
export function CandidateTimeline({ candidateId }: { candidateId: string }) {
  return (
    <Suspense fallback={<Skeleton h={200} aria-label="Loading the timeline" />}>
      <LazyTimeline candidateId={candidateId} />
    </Suspense>
  );
}

export { candidateTimelineQuery } from "./queries";

/** The header's notifications bell (the shell renders it). */
export { NotificationsBell } from "./NotificationsBell";
