import { Badge, Button, Group, Modal, Paper, Skeleton, Stack, TagsInput, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import type { QuestionListItemDTO } from "@shortlist/api";
import { SKILLS } from "@shortlist/api/schemas";
import { IconListSearch, IconSearch } from "@tabler/icons-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../lib/trpc";
import { Empty } from "../../ui/Empty";
import { ErrorState } from "../../ui/ErrorState";
import { bankItem, shortText, type PlanItem } from "./plan";
import { QuestionFacts } from "./QuestionFacts";

const SKILL_NAMES = [...new Set(SKILLS.map((s) => s.name))].sort((a, b) => a.localeCompare(b));
const PAGE_SIZE = 10;

interface Props {
  opened: boolean;
  title: string;
  /** The pick button's label: "Swap in", "Add". */
  action: string;
  /** The skills filter to start with (the swapped question's skill). */
  initialSkills: string[];
  /** Ids already in the plan: shown, not pickable. */
  planned: readonly string[];
  onPick: (item: PlanItem) => void;
  onClose: () => void;
}

/** A search of the active bank (words and skills) to add a question to the plan or swap one for it. */
export function QuestionPicker(props: Props) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="xl">
      {/* Mounted while open only: each opening starts from the swapped question's skill. */}
      {props.opened && <PickerBody {...props} />}
    </Modal>
  );
}

function PickerBody({ action, initialSkills, planned, onPick }: Props) {
  const trpc = useTRPC();
  const [q, setQ] = useState("");
  const [skills, setSkills] = useState(initialSkills);
  const [term] = useDebouncedValue(q.trim(), 300);
  const search = useInfiniteQuery(
    trpc.questions.list.infiniteQueryOptions(
      { ...(term && { q: term }), skills, skillsMatch: "any", limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: (previous) => previous },
    ),
  );
  const rows = search.data?.pages.flatMap((page) => page.items);
  const inPlan = new Set(planned);
  const reason = term ? `Picked from a search for “${shortText(term, 40)}”` : "Picked from the bank";

  return (
    <Stack gap="sm">
      <Group grow align="flex-start">
        <TextInput
          label="Search the bank"
          description='Words, "a phrase", -excluded'
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          data-autofocus
        />
        <TagsInput
          label="Skills"
          description="Any of these"
          data={SKILL_NAMES}
          limit={20}
          value={skills}
          onChange={setSkills}
          clearable
        />
      </Group>
      {search.error && !rows ? (
        <ErrorState
          error={search.error}
          title="Could not search the bank"
          onRetry={() => void search.refetch()}
          retrying={search.isFetching}
        />
      ) : !rows ? (
        <Stack aria-busy>
          <Skeleton h={64} />
          <Skeleton h={64} />
        </Stack>
      ) : rows.length === 0 ? (
        <Empty
          title="No question matches"
          description="Try other words or fewer skills."
          icon={<IconListSearch aria-hidden />}
        />
      ) : (
        <Stack
          gap="xs"
          component="ul"
          p={0}
          m={0}
          aria-label="Questions found"
          aria-busy={search.isPlaceholderData || undefined}
          data-testid="question-results"
          style={{ opacity: search.isPlaceholderData ? 0.6 : 1 }}
        >
          {rows.map((question) => (
            <Result
              key={question.id}
              question={question}
              action={action}
              planned={inPlan.has(question.id)}
              onPick={() => onPick(bankItem(question, reason))}
            />
          ))}
        </Stack>
      )}
      {search.hasNextPage && (
        <Group>
          <Button variant="default" onClick={() => void search.fetchNextPage()} loading={search.isFetchingNextPage}>
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function Result({
  question,
  action,
  planned,
  onPick,
}: {
  question: QuestionListItemDTO;
  action: string;
  planned: boolean;
  onPick: () => void;
}) {
  return (
    <Paper component="li" withBorder p="xs" style={{ listStyle: "none" }} data-testid="question-result">
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" lineClamp={3} data-testid="question-result-text">
            {question.text}
          </Text>
          <QuestionFacts question={question} />
        </Stack>
        {planned ? (
          <Badge variant="light" color="gray">
            In the plan
          </Badge>
        ) : (
          <Button size="compact-sm" onClick={onPick} aria-label={`${action}: ${shortText(question.text)}`}>
            {action}
          </Button>
        )}
      </Group>
    </Paper>
  );
}
