/** Persona and chat module names are unique whatever their case: the refusal names the field. */
import type { EntityManager } from "@shortlist/db";
import { DomainError } from "../errors";

const TABLES = { persona: "personas", "chat module": "chat_modules" } as const;
export type NamedKind = keyof typeof TABLES;

export function duplicateName(kind: NamedKind, name: string): DomainError {
  const message = `There is already a ${kind} called ${name}`;
  return new DomainError("duplicate", message, {
    details: { fields: ["name"] },
    fieldErrors: [{ path: "name", message }],
  });
}

export async function assertNameFree(em: EntityManager, kind: NamedKind, name: string, exceptId: string | null) {
  const taken = await em.execute(
    `select 1 from ${TABLES[kind]} where lower(name) = lower(?) and id <> coalesce(?::uuid, '00000000-0000-0000-0000-000000000000')`,
    [name, exceptId],
  );
  if (taken.length > 0) throw duplicateName(kind, name);
}
