import { Button, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconListDetails, IconX } from "@tabler/icons-react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useHasRole } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { Empty } from "../ui/Empty";
import { Forbidden } from "../ui/Forbidden";
import { ChainPanel } from "./ChainPanel";
import { EventsTable } from "./EventsTable";
import { localDateTime, useAuditFilters, type AuditFilterName, type AuditFilterValues } from "./filters";

const PAGE_SIZE = 50;

export default function AuditPage() {
  if (!useHasRole("admin")) return <Forbidden what="the audit trail" />;
  return <Audit />;
}

/** The list's input from the URL's filters; an unreadable time is left out (the input shows it as invalid). */
function listInput(values: AuditFilterValues) {
  const from = localDateTime(values.from);
  const to = localDateTime(values.to);
  return {
    limit: PAGE_SIZE,
    ...(values.actorId && { actorId: values.actorId }),
    ...(values.action && { action: values.action }),
    ...(values.entityKind && { entityKind: values.entityKind }),
    ...(values.entityId && { entityId: values.entityId }),
    ...(from && { from }),
    ...(to && { to }),
  };
}

function Audit() {
  const trpc = useTRPC();
  const { values, setFilter, clear, hasAny } = useAuditFilters();
  const [resetKey, setResetKey] = useState(0);
  const list = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(listInput(values), {
      getNextPageParam: (page) => page.nextCursor,
      placeholderData: (previous) => previous,
    }),
  );
  const events = list.data?.pages.flatMap((page) => page.items);

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          Audit trail
        </Title>
        <Text size="sm" c="dimmed">
          Every change, who made it and from where, in a hash chain. Personal values are shown decrypted; a person who
          was erased shows as [erased].
        </Text>
      </div>
      <ChainPanel />
      <Group gap="sm" align="flex-end" key={resetKey}>
        <WhoFilter value={values.actorId ?? null} onChange={(id) => setFilter("actorId", id ?? "")} />
        <Filter
          name="action"
          label="Action"
          placeholder="e.g. candidates.update"
          values={values}
          onChange={setFilter}
        />
        <Filter
          name="entityKind"
          label="Record kind"
          placeholder="e.g. candidate"
          values={values}
          onChange={setFilter}
        />
        <Filter name="entityId" label="Record id" placeholder="Its id" values={values} onChange={setFilter} w={300} />
        <TimeFilter name="from" label="From" values={values} onChange={setFilter} />
        <TimeFilter name="to" label="To" values={values} onChange={setFilter} />
        {hasAny && (
          <Button
            variant="subtle"
            leftSection={<IconX size={14} aria-hidden />}
            onClick={() => {
              clear();
              setResetKey((k) => k + 1);
            }}
          >
            Clear filters
          </Button>
        )}
      </Group>
      <EventsTable
        data-testid="audit-table"
        rows={events}
        stale={list.isPlaceholderData}
        error={list.error}
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
        empty={
          <Empty
            title={hasAny ? "No events match these filters" : "No events yet"}
            description={hasAny ? "Change the filters, or use “Clear filters” above." : undefined}
            icon={<IconListDetails aria-hidden />}
          />
        }
        more={{
          hasNext: list.hasNextPage,
          fetching: list.isFetchingNextPage,
          failed: list.isFetchNextPageError,
          fetchNext: () => void list.fetchNextPage(),
        }}
      />
    </Stack>
  );
}

interface FilterProps {
  name: AuditFilterName;
  label: string;
  values: AuditFilterValues;
  onChange: (name: AuditFilterName, value: string) => void;
  placeholder?: string;
  w?: number;
}

/** Typing stays instant; the filter (and the request) follows 300 ms after the last key. */
function Filter({ name, label, values, onChange, placeholder, w = 190 }: FilterProps) {
  const [value, setValue] = useState(values[name] ?? "");
  const commit = useDebouncedCallback((v: string) => onChange(name, v), 300);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      w={w}
      value={value}
      onChange={(event) => {
        setValue(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === "Enter") onChange(name, value);
      }}
    />
  );
}

/** The acting user, picked from the users (API tokens act as their user). */
function WhoFilter({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const trpc = useTRPC();
  const users = useQuery(trpc.users.list.queryOptions());
  const data = (users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }));
  // An id from a bookmarked URL stays selectable before (or without) the users list.
  if (value && !data.some((d) => d.value === value)) data.push({ value, label: value });
  return (
    <Select
      label="Who"
      placeholder={users.isError ? "Users could not be loaded" : "Anyone"}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      w={260}
    />
  );
}

function TimeFilter({ name, label, values, onChange }: FilterProps) {
  const value = values[name] ?? "";
  return (
    <TextInput
      type="datetime-local"
      label={label}
      w={210}
      value={value}
      error={value && !localDateTime(value) ? "Not a date and time" : undefined}
      onChange={(event) => onChange(name, event.currentTarget.value)}
    />
  );
}
