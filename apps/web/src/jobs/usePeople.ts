import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../lib/trpc";

export interface Person {
  id: string;
  name: string;
  email: string;
}

/**
 * Shortlist's users as Select options, looked up as the user types (notes.mentionable: active users, 20 at most a
 * call). Everyone seen so far stays an option, so a chosen person keeps their label when the search changes.
 */
export function usePeople() {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [known, setKnown] = useState<ReadonlyMap<string, Person>>(new Map());
  const found = useQuery(
    trpc.notes.mentionable.queryOptions({ search: search.trim(), limit: 20 }, { placeholderData: (prev) => prev }),
  );
  const fresh = found.data?.filter((person) => known.get(person.id)?.name !== person.name) ?? [];
  if (fresh.length > 0) setKnown(new Map([...known, ...fresh.map((person) => [person.id, person] as const)]));
  const options = [...known.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((person) => ({ value: person.id, label: `${person.name} (${person.email})` }));
  return { options, nameOf: (id: string) => known.get(id)?.name, onSearchChange: setSearch, loading: found.isFetching };
}
