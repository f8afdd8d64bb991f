import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ErrorState } from "./ErrorState";

/**
 * The four states of a list query, in one place: loading, failed (with retry),
 * empty, and the data itself.
 */
export function QueryContent<T extends readonly unknown[], E>({
  query,
  loading,
  errorTitle,
  empty,
  children,
}: {
  query: UseQueryResult<T, E>;
  loading: ReactNode;
  errorTitle: string;
  empty: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return loading;
  if (query.isError) {
    return (
      <ErrorState
        error={query.error}
        title={errorTitle}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }
  return query.data.length === 0 ? empty : children(query.data);
}
