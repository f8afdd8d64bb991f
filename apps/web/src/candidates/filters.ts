import {
  APPLICATION_OUTCOMES,
  CANDIDATE_SORTS,
  SORT_ORDERS,
  type ApplicationOutcome,
  type CandidateFilters,
  type CandidateSort,
  type SortOrder,
} from "@shortlist/api/schemas";
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";

export const TEXT_FILTERS = ["search", "company", "role", "domain", "tag"] as const;
export type TextFilter = (typeof TEXT_FILTERS)[number];

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
const DEFAULT_SIZE: PageSize = 50;

/** The order a column sorts in when first chosen: names A to Z, everything else highest or newest first. */
export const FIRST_ORDER: Record<CandidateSort, SortOrder> = {
  relevance: "desc",
  added: "desc",
  name: "asc",
  activity: "desc",
  score: "desc",
};

/** What the list shows: its filters (as candidates.list takes them), its sort and its page size. */
export interface ListView {
  filters: CandidateFilters;
  /** The sort in effect: relevance under a search, date added otherwise, unless one was chosen. */
  sort: CandidateSort;
  order: SortOrder;
  size: PageSize;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** The URL parameters of a filter and sort (a saved view's, say); empty values dropped. */
export function viewParams(filters: CandidateFilters, sort?: CandidateSort | null, order?: SortOrder) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (typeof value === "string" && value) params.set(name, value);
  if (sort) params.set("sort", sort);
  if (sort && order) params.set("order", order);
  return params;
}

/**
 * The list's filters, sort and page size live in the URL (?outcome=active&company=Acme&sort=score), so a view can
 * be bookmarked and survives opening a candidate and coming back. Values are trimmed and empty ones dropped: the
 * server refuses blank filters.
 */
export function useListView() {
  const [params, setParams] = useSearchParams();

  const view = useMemo<ListView & { chosenSort: CandidateSort | undefined }>(() => {
    const filters: CandidateFilters = {};
    const outcome = oneOf<ApplicationOutcome>(APPLICATION_OUTCOMES, params.get("outcome"));
    if (outcome) filters.outcome = outcome;
    for (const name of TEXT_FILTERS) {
      const value = params.get(name)?.trim();
      if (value) filters[name] = value;
    }
    const chosenSort = oneOf<CandidateSort>(CANDIDATE_SORTS, params.get("sort"));
    const sort =
      chosenSort === "relevance" && !filters.search
        ? "added"
        : (chosenSort ?? (filters.search ? "relevance" : "added"));
    const order = oneOf<SortOrder>(SORT_ORDERS, params.get("order")) ?? FIRST_ORDER[sort];
    const size = PAGE_SIZES.find((s) => String(s) === params.get("size")) ?? DEFAULT_SIZE;
    return { filters, sort, order, size, chosenSort };
  }, [params]);

  // From the address as it is now: react-router's own "previous" is the one of the render that made the setter, and a
  // debounced input may commit after later changes (a sort, a page size) that it would then undo.
  const update = useCallback(
    (change: (next: URLSearchParams) => void) => {
      const next = new URLSearchParams(window.location.search);
      change(next);
      setParams(next, { replace: true });
    },
    [setParams],
  );

  const setFilter = useCallback(
    (name: TextFilter | "outcome", value: string | null) =>
      update((next) => {
        const trimmed = value?.trim();
        if (trimmed) next.set(name, trimmed);
        else next.delete(name);
      }),
    [update],
  );

  /** A column header's click: the same sort flips its order, another starts in its first order. */
  const sortBy = useCallback(
    (sort: CandidateSort) =>
      update((next) => {
        const order = sort === view.sort ? (view.order === "asc" ? "desc" : "asc") : FIRST_ORDER[sort];
        next.set("sort", sort);
        next.set("order", order);
      }),
    [update, view.sort, view.order],
  );

  const setSize = useCallback((size: PageSize) => update((next) => next.set("size", String(size))), [update]);

  /** Shows a saved view: its filters and sort replace the current ones; the page size stays. */
  /** Replaces the filters and sort with these; the page size stays. */
  const replaceView = useCallback(
    (next: URLSearchParams) => {
      const size = new URLSearchParams(window.location.search).get("size");
      if (size) next.set("size", size);
      setParams(next, { replace: true });
    },
    [setParams],
  );

  /** Shows a saved view: its filters and sort replace the current ones. */
  const applyView = useCallback(
    (filters: CandidateFilters, sort: CandidateSort | null, order: SortOrder) =>
      replaceView(viewParams(filters, sort, order)),
    [replaceView],
  );

  const clear = useCallback(() => replaceView(new URLSearchParams()), [replaceView]);

  const { outcome: _outcome, ...withoutOutcome } = view.filters;
  const hasTextFilters = Object.keys(withoutOutcome).length > 0;
  return {
    ...view,
    withoutOutcome,
    hasTextFilters,
    hasAnyFilter: hasTextFilters || !!view.filters.outcome,
    setFilter,
    sortBy,
    setSize,
    applyView,
    clear,
  };
}
