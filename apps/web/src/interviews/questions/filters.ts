import { QUESTION_TYPES, type QuestionListInput, type QuestionType } from "@shortlist/api/schemas";
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";

export type BankStatus = "active" | "retired" | "all";
export const BANK_STATUSES: readonly BankStatus[] = ["active", "retired", "all"];

/** What the bank page shows, as its address keeps it (?q=indexing&skill=PostgreSQL&type=technical&dmin=3). */
export interface BankFilters {
  q: string;
  skills: string[];
  skillsMatch: "all" | "any";
  tags: string[];
  types: QuestionType[];
  difficultyMin: number;
  difficultyMax: number;
  status: BankStatus;
}

export const DEFAULT_FILTERS: BankFilters = {
  q: "",
  skills: [],
  skillsMatch: "any",
  tags: [],
  types: [],
  difficultyMin: 1,
  difficultyMax: 5,
  status: "active",
};

const difficulty = (value: string | null, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : fallback;
};
const unique = (values: string[], max = 20) => [...new Set(values.map((v) => v.trim()).filter(Boolean))].slice(0, max);

/** The filters in an address; anything the list would refuse (an unknown type, a difficulty of 9) is dropped. */
export function filtersOf(params: URLSearchParams): BankFilters {
  const min = difficulty(params.get("dmin"), 1);
  const max = difficulty(params.get("dmax"), 5);
  const status = params.get("status");
  return {
    q: params.get("q")?.trim().slice(0, 200) ?? "",
    skills: unique(params.getAll("skill")),
    skillsMatch: params.get("match") === "all" ? "all" : "any",
    tags: unique(params.getAll("tag")),
    types: QUESTION_TYPES.filter((t) => params.getAll("type").includes(t)),
    difficultyMin: Math.min(min, max),
    difficultyMax: Math.max(min, max),
    status: BANK_STATUSES.includes(status as BankStatus) ? (status as BankStatus) : "active",
  };
}

/** The address of these filters; defaults are left out. */
export function paramsOf(filters: BankFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  for (const skill of filters.skills) params.append("skill", skill);
  if (filters.skills.length && filters.skillsMatch === "all") params.set("match", "all");
  for (const tag of filters.tags) params.append("tag", tag);
  for (const type of filters.types) params.append("type", type);
  if (filters.difficultyMin > 1) params.set("dmin", String(filters.difficultyMin));
  if (filters.difficultyMax < 5) params.set("dmax", String(filters.difficultyMax));
  if (filters.status !== "active") params.set("status", filters.status);
  return params;
}

/** What questions.list takes for these filters (the page size and cursor are the list's own). */
export function listInputOf(filters: BankFilters): Omit<QuestionListInput, "cursor" | "limit" | "direction"> {
  return {
    ...(filters.q.trim() && { q: filters.q.trim() }),
    skills: filters.skills,
    skillsMatch: filters.skillsMatch,
    tags: filters.tags,
    types: filters.types,
    difficultyMin: filters.difficultyMin,
    difficultyMax: filters.difficultyMax,
    active: filters.status === "all" ? "all" : filters.status === "active",
  };
}

/** Whether anything narrows the list beyond its default (active questions, any difficulty). */
export const isFiltered = (filters: BankFilters) => paramsOf(filters).toString() !== "";

/** The bank's filters, kept in the address so a search survives opening a question and coming back. */
export function useBankFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const change = useCallback(
    (patch: Partial<BankFilters>) => {
      // From the address as it is now: a debounced search may commit after another filter changed.
      const current = filtersOf(new URLSearchParams(window.location.search));
      setParams(paramsOf({ ...current, ...patch }), { replace: true });
    },
    [setParams],
  );
  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { filters, change, clear };
}
