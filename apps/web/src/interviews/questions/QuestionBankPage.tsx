import { Anchor, Badge, Button, Group, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import type { QuestionListItemDTO } from "@shortlist/api";
import { IconBooks, IconFileImport, IconListSearch, IconPlus } from "@tabler/icons-react";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../lib/errors";
import { count, plural } from "../../lib/format";
import { useHasRole } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { DataTable, type Column } from "../../ui/DataTable";
import { Empty } from "../../ui/Empty";
import { Forbidden } from "../../ui/Forbidden";
import { QUESTION_TYPE_LABEL, scoreColor } from "../parts/labels";
import { BankFilters } from "./BankFilters";
import { ExportQuestions } from "./ExportQuestions";
import { isFiltered, listInputOf, useBankFilters } from "./filters";
import { ImportQuestions } from "./ImportQuestions";

const PAGE_SIZE = 50;
const SHOWN_SKILLS = 3;

const COLUMNS: Column<QuestionListItemDTO>[] = [
  {
    key: "text",
    header: "Question",
    skeletonWidth: 320,
    cell: (q) => (
      <Stack gap={2}>
        <Anchor component={Link} to={`/questions/${q.id}`} fw={500} lineClamp={2} size="sm">
          {q.text}
        </Anchor>
        {!q.active && (
          <Badge size="xs" variant="light" color="gray" w="fit-content">
            Retired
          </Badge>
        )}
      </Stack>
    ),
  },
  { key: "type", header: "Type", cell: (q) => QUESTION_TYPE_LABEL[q.type] },
  { key: "difficulty", header: "Difficulty", td: { ta: "center" }, cell: (q) => q.difficulty },
  {
    key: "skills",
    header: "Skills",
    skeletonWidth: 160,
    cell: (q) => (
      <Group gap={4}>
        {q.skills.slice(0, SHOWN_SKILLS).map((skill) => (
          <Badge key={skill} size="sm" variant="outline" color="gray" tt="none">
            {skill}
          </Badge>
        ))}
        {q.skills.length > SHOWN_SKILLS && (
          <Text size="xs" c="dimmed">
            +{q.skills.length - SHOWN_SKILLS}
          </Text>
        )}
      </Group>
    ),
  },
  { key: "asked", header: "Times asked", td: { ta: "right" }, cell: (q) => count(q.timesAsked) },
  {
    key: "mean",
    header: "Mean score",
    td: { ta: "right" },
    cell: (q) =>
      q.meanScore === null ? (
        <Text size="sm" c="dimmed">
          —
        </Text>
      ) : (
        <Badge color={scoreColor(q.meanScore)} variant="light">
          {Math.round(q.meanScore)}
        </Badge>
      ),
  },
];

export default function QuestionBankPage() {
  if (!useHasRole("members")) return <Forbidden what="the question bank" />;
  return <QuestionBank />;
}

function QuestionBank() {
  const trpc = useTRPC();
  const canWrite = useHasRole("writers");
  const { filters, change, clear } = useBankFilters();
  const [resetKey, setResetKey] = useState(0);
  const [importOpened, importDialog] = useDisclosure(false);
  const filtered = isFiltered(filters);

  const list = useInfiniteQuery(
    trpc.questions.list.infiniteQueryOptions(
      { ...listInputOf(filters), limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: (previous) => previous },
    ),
  );
  const rows = list.data?.pages.flatMap((page) => page.items);
  // An empty list with no filters may still hide retired questions: only a truly empty bank offers the starter one.
  const anyQuestion = useQuery(
    trpc.questions.list.queryOptions({ active: "all", limit: 1 }, { enabled: !filtered && rows?.length === 0 }),
  );
  const bankEmpty = !filtered && rows?.length === 0 && anyQuestion.data?.items.length === 0;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            Question bank
          </Title>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="questions-shown">
            {rows === undefined
              ? "Loading…"
              : `${plural(rows.length, "question")} shown${list.hasNextPage ? ", more below" : ""}`}
          </Text>
        </div>
        <Group gap="sm">
          <ExportQuestions status={filters.status} />
          {canWrite && (
            <>
              <Button
                variant="default"
                leftSection={<IconFileImport size={16} aria-hidden />}
                onClick={importDialog.open}
              >
                Import
              </Button>
              <Button component={Link} to="/questions/new" leftSection={<IconPlus size={16} aria-hidden />}>
                New question
              </Button>
            </>
          )}
        </Group>
      </Group>

      <BankFilters
        filters={filters}
        onChange={change}
        resetKey={resetKey}
        onClear={
          filtered
            ? () => {
                clear();
                setResetKey((k) => k + 1);
              }
            : undefined
        }
      />

      <DataTable
        data-testid="questions-table"
        minWidth={860}
        tableProps={{ striped: true, highlightOnHover: true, bg: "white" }}
        columns={COLUMNS}
        rowKey={(q) => q.id}
        rows={rows}
        stale={list.isPlaceholderData}
        error={list.error}
        errorTitle="Could not load the question bank"
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
        empty={
          bankEmpty ? (
            <EmptyBank canWrite={canWrite} />
          ) : (
            <Empty
              title={filtered ? "No question matches" : "No active questions"}
              description={filtered ? "Try other words, or use “Clear filters” above." : "Every question is retired."}
              icon={<IconListSearch aria-hidden />}
            />
          )
        }
        footer={
          list.hasNextPage && (
            <Group mt="xs">
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                Load more
              </Button>
            </Group>
          )
        }
      />

      {canWrite && <ImportQuestions opened={importOpened} onClose={importDialog.close} />}
    </Stack>
  );
}

/** A bank with no question at all: writers may load the starter bank that ships with Shortlist. */
function EmptyBank({ canWrite }: { canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const load = useMutation(
    trpc.questions.loadStarterBank.mutationOptions({
      async onSuccess(result) {
        notifications.show({
          color: "green",
          title: "Starter bank loaded",
          message: `${plural(result.created, "question")} added.`,
        });
        await queryClient.invalidateQueries({ queryKey: trpc.questions.list.pathKey() });
      },
      onError(error) {
        notifications.show({ color: "red", title: "The starter bank was not loaded", message: errorMessage(error) });
      },
    }),
  );
  return (
    <Empty
      title="The question bank is empty"
      description={
        canWrite
          ? "Load the starter bank: over 200 questions with rubrics, for technical and non-technical roles. Or write your own, or import a file."
          : "Recruiters and admins add questions."
      }
      icon={<IconBooks aria-hidden />}
    >
      {canWrite && (
        <Button mt="sm" onClick={() => load.mutate()} loading={load.isPending}>
          Load the starter bank
        </Button>
      )}
    </Empty>
  );
}
