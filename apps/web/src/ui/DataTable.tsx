import {
  Skeleton,
  Table,
  type TableProps,
  type TableTdProps,
  type TableThProps,
  type TableTrProps,
} from "@mantine/core";
import { Fragment, type ReactNode } from "react";
import { ErrorState } from "./ErrorState";

export interface Column<T> {
  /** Unique within the table. */
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Props of this column's cells (alignment, font…), fixed or per row. */
  td?: TableTdProps | ((row: T) => TableTdProps);
  th?: TableThProps;
  /** Width of the placeholder while loading (default 80). */
  skeletonWidth?: number | string;
}

export interface DataTableProps<T> {
  columns: readonly (Column<T> | false | null | undefined)[];
  /** undefined while loading: skeleton rows stand in. */
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  /** A failed load: shown instead of the table when there are no rows to show. */
  error?: unknown;
  errorTitle?: string;
  onRetry?: () => void;
  retrying?: boolean;
  /** Rows of a previous query shown dimmed while the next one loads. */
  stale?: boolean;
  onRowClick?: (row: T) => void;
  rowProps?: (row: T) => TableTrProps;
  /** Shown in a full-width row below `row` when it returns something (an expanded row's details). */
  expandedRow?: (row: T) => ReactNode;
  /** Below the table, e.g. "Load more". */
  footer?: ReactNode;
  skeletonRows?: number;
  /** Scrolls sideways below this width. */
  minWidth: number;
  "data-testid"?: string;
  tableProps?: TableProps;
}

/** The one list table: header, rows, loading skeleton, empty state, failed load and an optional footer. */
export function DataTable<T>({
  columns: maybeColumns,
  rows,
  rowKey,
  empty,
  error,
  errorTitle = "Could not load this list",
  onRetry,
  retrying,
  stale,
  onRowClick,
  rowProps,
  expandedRow,
  footer,
  skeletonRows = 3,
  minWidth,
  "data-testid": testId,
  tableProps,
}: DataTableProps<T>) {
  const columns = maybeColumns.filter((c): c is Column<T> => !!c);
  if (error && !rows) return <ErrorState error={error} title={errorTitle} onRetry={onRetry} retrying={retrying} />;
  if (rows && rows.length === 0 && empty) return <>{empty}</>;
  const busy = !rows || stale;
  return (
    <>
      <Table.ScrollContainer minWidth={minWidth}>
        <Table
          verticalSpacing="sm"
          data-testid={testId}
          aria-busy={busy || undefined}
          {...tableProps}
          style={{ opacity: stale ? 0.6 : 1, transition: "opacity 150ms", ...tableProps?.style }}
        >
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.key} scope="col" {...c.th}>
                  {c.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows
              ? rows.map((row) => {
                  const key = rowKey(row);
                  const expanded = expandedRow?.(row);
                  return (
                    <Fragment key={key}>
                      <Table.Tr
                        onClick={onRowClick && (() => onRowClick(row))}
                        style={onRowClick ? { cursor: "pointer" } : undefined}
                        {...rowProps?.(row)}
                      >
                        {columns.map((c) => (
                          <Table.Td key={c.key} {...(typeof c.td === "function" ? c.td(row) : c.td)}>
                            {c.cell(row)}
                          </Table.Td>
                        ))}
                      </Table.Tr>
                      {expanded != null && expanded !== false && (
                        <Table.Tr>
                          <Table.Td colSpan={columns.length}>{expanded}</Table.Td>
                        </Table.Tr>
                      )}
                    </Fragment>
                  );
                })
              : Array.from({ length: skeletonRows }, (_, i) => (
                  <Table.Tr key={i}>
                    {columns.map((c) => (
                      <Table.Td key={c.key}>
                        <Skeleton h={12} w={c.skeletonWidth ?? 80} />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {footer}
    </>
  );
}

/** A list query as DataTable props: its rows (undefined while loading), its error and a retry. */
export function queryRows<T>(query: {
  data: readonly T[] | undefined;
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}): Pick<DataTableProps<T>, "rows" | "error" | "onRetry" | "retrying"> {
  return { rows: query.data, error: query.error, onRetry: () => void query.refetch(), retrying: query.isFetching };
}
