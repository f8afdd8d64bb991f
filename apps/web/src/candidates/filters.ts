import { CANDIDATE_STATUSES, type CandidateStatus } from "@shortlist/api/schemas";
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";

export const TEXT_FILTERS = ["search", "company", "role", "domain"] as const;
export type TextFilter = (typeof TEXT_FILTERS)[number];

export interface CandidateFilters {
  status?: CandidateStatus;
  search?: string;
  company?: string;
  role?: string;
  domain?: string;
}

const isStatus = (value: string | null): value is CandidateStatus =>
  value !== null && (CANDIDATE_STATUSES as readonly string[]).includes(value);

/**
 * The list's filters live in the URL (?status=invited&company=Acme), so a filtered
 * view can be bookmarked and survives opening a candidate and coming back.
 * Values are trimmed and empty ones dropped: the server refuses blank filters.
 */
export function useCandidateFilters() {
  const [params, setParams] = useSearchParams();

  const filters = useMemo<CandidateFilters>(() => {
    const result: CandidateFilters = {};
    const status = params.get("status");
    if (isStatus(status)) result.status = status;
    for (const name of TEXT_FILTERS) {
      const value = params.get(name)?.trim();
      if (value) result[name] = value;
    }
    return result;
  }, [params]);

  const setFilter = useCallback(
    (name: TextFilter | "status", value: string | null) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          const trimmed = value?.trim();
          if (trimmed) next.set(name, trimmed);
          else next.delete(name);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);

  const { status, ...withoutStatus } = filters;
  const hasTextFilters = Object.keys(withoutStatus).length > 0;
  return { filters, status, withoutStatus, hasTextFilters, hasAnyFilter: hasTextFilters || !!status, setFilter, clear };
}
