import { Button, Group, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconSearch, IconX } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import type { CandidateFilters, TextFilter } from "./filters";

interface Props {
  filters: CandidateFilters;
  onChange: (name: TextFilter, value: string) => void;
  onClear?: () => void;
  /** Bumped on "Clear filters" so the inputs start again from the URL. */
  resetKey: number;
}

/** The filters that match a value exactly, after the search. */
const EXACT_FILTERS = [
  { name: "company", label: "Filter by company", placeholder: "Exact company", w: 180 },
  { name: "role", label: "Filter by role", placeholder: "Exact role", w: 180 },
  { name: "domain", label: "Filter by domain", placeholder: "e.g. react", w: 160 },
] as const satisfies readonly ({ name: TextFilter } & Omit<DebouncedInputProps, "initial" | "onCommit">)[];

export function FilterBar({ filters, onChange, onClear, resetKey }: Props) {
  return (
    <Group gap="sm" align="flex-end" key={resetKey}>
      <DebouncedInput
        label="Search"
        placeholder="Name or email"
        leftSection={<IconSearch size={16} aria-hidden />}
        initial={filters.search}
        onCommit={(v) => onChange("search", v)}
        w={260}
        type="search"
      />
      {EXACT_FILTERS.map(({ name, ...input }) => (
        <DebouncedInput key={name} {...input} initial={filters[name]} onCommit={(v) => onChange(name, v)} />
      ))}
      {onClear && (
        <Button variant="subtle" leftSection={<IconX size={14} aria-hidden />} onClick={onClear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}

interface DebouncedInputProps {
  label: string;
  placeholder?: string;
  initial: string | undefined;
  onCommit: (value: string) => void;
  leftSection?: ReactNode;
  w?: number;
  type?: string;
}

/** Typing stays instant; the filter (and the request) follows 300 ms after the last key. */
function DebouncedInput({ initial, onCommit, ...props }: DebouncedInputProps) {
  const [value, setValue] = useState(initial ?? "");
  const commit = useDebouncedCallback(onCommit, 300);
  return (
    <TextInput
      {...props}
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
