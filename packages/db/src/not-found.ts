import { NotFoundError, type Dictionary, type IPrimaryKey } from "@mikro-orm/core";

/** Entity names whose words do not read right when simply split ("ApiToken" is an "API token"). */
const KIND_LABELS: Record<string, string> = { ApiToken: "API token" };

/** "AssessmentSession" → "Assessment session": how a person names the kind of record. */
export function entityKind(entityName: string): string {
  return (
    KIND_LABELS[entityName] ?? entityName.replace(/(?<=[a-z0-9])([A-Z])/g, (_m, c: string) => ` ${c.toLowerCase()}`)
  );
}

/** `em.findOneOrFail` found nothing: names the kind of record and the id asked for (when the query had one). */
export class EntityNotFound extends NotFoundError {
  constructor(
    readonly kind: string,
    readonly id: string | null,
  ) {
    super(id === null ? `${kind} was not found` : `${kind} ${id} was not found`);
    this.name = "EntityNotFound";
  }
}

function idOf(where: Dictionary | IPrimaryKey): string | null {
  if (typeof where === "string" || typeof where === "number" || typeof where === "bigint") return String(where);
  const id = where && typeof where === "object" ? (where as Dictionary).id : undefined;
  return typeof id === "string" || typeof id === "number" ? String(id) : null;
}

/** The ORM's `findOneOrFailHandler` (and `findExactlyOneOrFailHandler`): one not-found error for every entity. */
export const entityNotFound = (entityName: string, where: Dictionary | IPrimaryKey): Error =>
  new EntityNotFound(entityKind(entityName), idOf(where));
