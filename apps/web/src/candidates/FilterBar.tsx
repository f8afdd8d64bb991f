import { Autocomplete, Button, Group, TextInput } from "@mantine/core";
import { useDebouncedCallback, useDebouncedValue } from "@mantine/hooks";
import type { CandidateFilters, SuggestionField } from "@shortlist/api/schemas";
import { IconSearch, IconX } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../lib/trpc";
import type { TextFilter } from "./filters";

interface Props {
  filters: CandidateFilters;
  onChange: (name: TextFilter, value: string) => void;
  onClear?: () => void;
  /** Bumped when the filters change from outside (a saved view, "Clear filters"): the inputs start again from the URL. */
  resetKey: string;
}

/** The filters that match a value (any case), with suggestions drawn from the data as you type. */
const SUGGESTED_FILTERS = [
  { name: "company", label: "Company", placeholder: "Any company", w: 180 },
  { name: "role", label: "Job title", placeholder: "Any job title", w: 180 },
  { name: "domain", label: "Domain", placeholder: "e.g. react", w: 150 },
  { name: "tag", label: "Tag", placeholder: "e.g. referral", w: 150 },
] as const satisfies readonly { name: TextFilter & SuggestionField; label: string; placeholder: string; w: number }[];

export function FilterBar({ filters, onChange, onClear, resetKey }: Props) {
  return (
    <Group gap="sm" align="flex-end" key={resetKey}>
      <SearchInput initial={filters.search} onCommit={(v) => onChange("search", v)} />
      {SUGGESTED_FILTERS.map(({ name, ...input }) => (
        <SuggestedInput
          key={name}
          field={name}
          {...input}
          initial={filters[name]}
          onCommit={(v) => onChange(name, v)}
        />
      ))}
      {onClear && (
        <Button variant="subtle" leftSection={<IconX size={14} aria-hidden />} onClick={onClear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}

/** Typing stays instant; the filter (and the request) follows 300 ms after the last key, or at once on Enter. */
function SearchInput({ initial, onCommit }: { initial: string | undefined; onCommit: (value: string) => void }) {
  const [value, setValue] = useState(initial ?? "");
  const commit = useDebouncedCallback(onCommit, 300);
  return (
    <TextInput
      label="Search"
      placeholder="Name or email"
      type="search"
      w={240}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={value}
      onChange={(event) => {
        setValue(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === "Enter") onCommit(value);
      }}
    />
  );
}

interface SuggestedInputProps {
  field: SuggestionField;
  label: string;
  placeholder: string;
  w: number;
  initial: string | undefined;
  onCommit: (value: string) => void;
}

function SuggestedInput({ field, initial, onCommit, ...input }: SuggestedInputProps) {
  const trpc = useTRPC();
  const [value, setValue] = useState(initial ?? "");
  const [focused, setFocused] = useState(false);
  const [prefix] = useDebouncedValue(value.trim(), 200);
  const commit = useDebouncedCallback(onCommit, 400);
  const suggestions = useQuery(
    trpc.candidates.suggestions.queryOptions(
      { field, prefix, limit: 8 },
      { enabled: focused, placeholderData: keepPreviousData, staleTime: 60_000 },
    ),
  );
  return (
    <Autocomplete
      {...input}
      value={value}
      data={suggestions.data ?? []}
      // The server matched already (any case or accent); show what it sent.
      filter={({ options }) => options}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onChange={(next) => {
        setValue(next);
        commit(next);
      }}
      onOptionSubmit={(chosen) => {
        setValue(chosen);
        commit.cancel();
        onCommit(chosen);
      }}
      onKeyDown={(event) => {
        if (event.key === "Enter") onCommit(value);
      }}
      clearable
    />
  );
}
