import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";

export const AUDIT_TEXT_FILTERS = ["actorId", "action", "entityKind", "entityId"] as const;
export const AUDIT_TIME_FILTERS = ["from", "to"] as const;
export type AuditFilterName = (typeof AUDIT_TEXT_FILTERS)[number] | (typeof AUDIT_TIME_FILTERS)[number];

/** The filters as the URL holds them: text as typed (trimmed), times as `datetime-local` values in the browser's zone. */
export type AuditFilterValues = Partial<Record<AuditFilterName, string>>;

/** A `datetime-local` value ("2026-05-01T09:30") read in the browser's time zone; null when it is not one. */
export function localDateTime(value: string | undefined): Date | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The Audit screen's filters live in the URL, so a filtered view of the trail can be bookmarked and shared. */
export function useAuditFilters() {
  const [params, setParams] = useSearchParams();
  const values = useMemo<AuditFilterValues>(() => {
    const result: AuditFilterValues = {};
    for (const name of [...AUDIT_TEXT_FILTERS, ...AUDIT_TIME_FILTERS]) {
      const value = params.get(name)?.trim();
      if (value) result[name] = value;
    }
    return result;
  }, [params]);

  const setFilter = useCallback(
    (name: AuditFilterName, value: string) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (value.trim()) next.set(name, value.trim());
          else next.delete(name);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { values, setFilter, clear, hasAny: Object.keys(values).length > 0 };
}
