import { Anchor, Group, Skeleton, Stack } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { errorReason } from "../lib/errors";
import { Empty } from "./Empty";
import { ErrorState } from "./ErrorState";

interface Props<T> {
  /** False when the id in the address is not even an id: answered as not found without asking the server. */
  validId: boolean;
  query: UseQueryResult<T, unknown>;
  /** Where the back link leads, and what it says ("All jobs"). */
  back: { to: string; label: string };
  notFound: { title: string; description: string; icon: ReactNode };
  /** "Could not load this job". */
  errorTitle: string;
  /** Heights of the placeholder blocks below the title's while loading. */
  skeleton: number[];
  children: (data: T) => ReactNode;
}

/** A record's page while it loads, when it is missing and when it fails: one shape for every detail page. */
export function RecordPage<T>({ validId, query, back, notFound, errorTitle, skeleton, children }: Props<T>) {
  const backLink = <BackLink {...back} />;
  if (!validId || errorReason(query.error) === "not_found") {
    return (
      <Empty title={notFound.title} description={notFound.description} icon={notFound.icon}>
        {backLink}
      </Empty>
    );
  }
  if (query.isError && !query.data) {
    return (
      <Stack>
        {backLink}
        <ErrorState
          error={query.error}
          title={errorTitle}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      </Stack>
    );
  }
  if (query.isPending || !query.data) {
    return (
      <Stack aria-busy>
        {backLink}
        <Skeleton h={32} w={280} />
        {skeleton.map((h, i) => (
          <Skeleton key={i} h={h} />
        ))}
      </Stack>
    );
  }
  return children(query.data);
}

export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Anchor component={Link} to={to} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {label}
      </Group>
    </Anchor>
  );
}
