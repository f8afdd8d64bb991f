/** Pure helpers for showing an audit event's change: which fields moved, and how a value reads. */

/** What the server answers for a personal value whose subject's key was destroyed. */
export const ERASED = "[erased]";
/** A sealed value that does not open (tampered with); verifying the chain names its event. */
export const UNREADABLE = "[unreadable]";

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  /** The field is in only one of the two sides (created, deleted, or only recorded on one side). */
  only?: "before" | "after";
}

type Side = Record<string, unknown> | null | undefined;

/** One line per field named in either side, in the order first seen (before's fields, then after's new ones). */
export function fieldChanges(before: Side, after: Side): FieldChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields.map((field) => {
    const inBefore = !!before && Object.hasOwn(before, field);
    const inAfter = !!after && Object.hasOwn(after, field);
    const change: FieldChange = { field, before: before?.[field], after: after?.[field] };
    if (inBefore !== inAfter) change.only = inBefore ? "before" : "after";
    return change;
  });
}

export const isErased = (value: unknown) => value === ERASED;
export const isUnreadable = (value: unknown) => value === UNREADABLE;

/** A value as one line of text: strings as they are, dates as ISO, anything else as JSON; null reads "(empty)". */
export function displayValue(value: unknown): string {
  if (value === undefined) return "—";
  if (value === null) return "(empty)";
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}
