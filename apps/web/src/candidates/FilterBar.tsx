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
      <DebouncedInput
        label="Filter by company"
        placeholder="Exact company"
        initial={filters.company}
        onCommit={(v) => onChange("company", v)}
        w={180}
      />
      <DebouncedInput
        label="Filter by role"
        placeholder="Exact role"
        initial={filters.role}
        onCommit={(v) => onChange("role", v)}
        w={180}
      />
      <DebouncedInput
        label="Filter by domain"
        placeholder="e.g. react"
        initial={filters.domain}
        onCommit={(v) => onChange("domain", v)}
        w={160}
      />
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
