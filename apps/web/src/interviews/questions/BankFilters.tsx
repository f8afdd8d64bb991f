import {
  Button,
  Chip,
  Group,
  Input,
  RangeSlider,
  SegmentedControl,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { QUESTION_TYPES, type QuestionType } from "@shortlist/api/schemas";
import { IconSearch, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { RadioChips } from "../../ui/RadioChips";
import { QUESTION_TYPE_LABEL } from "../parts/labels";
import type { BankFilters as Filters, BankStatus } from "./filters";
import { SkillsPicker } from "./SkillsPicker";

const STATUS_CHIPS = [
  { value: "active", label: "Active", count: null },
  { value: "retired", label: "Retired", count: null },
  { value: "all", label: "All", count: null },
] as const satisfies readonly { value: BankStatus; label: string; count: null }[];
const DIFFICULTY_MARKS = [1, 2, 3, 4, 5].map((value) => ({ value, label: String(value) }));

interface Props {
  filters: Filters;
  onChange: (patch: Partial<Filters>) => void;
  onClear?: () => void;
  /** Changed by "Clear filters": the search box starts again from the address. */
  resetKey: number;
}

/** Search, skills (all or any), tags, types, a difficulty range and active/retired: each change updates the address. */
export function BankFilters({ filters, onChange, onClear, resetKey }: Props) {
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-start" wrap="wrap">
        <SearchInput key={resetKey} initial={filters.q} onCommit={(q) => onChange({ q })} />
        <Stack gap={4} w={{ base: "100%", sm: 320 }}>
          <SkillsPicker
            label="Skills"
            description="By name or alias"
            placeholder={filters.skills.length ? undefined : "Any skill"}
            value={filters.skills}
            onChange={(skills) => onChange({ skills })}
          />
          {filters.skills.length > 1 && (
            <SegmentedControl
              size="xs"
              aria-label="Questions with"
              data={[
                { value: "any", label: "Any of these skills" },
                { value: "all", label: "All of these skills" },
              ]}
              value={filters.skillsMatch}
              onChange={(value) => onChange({ skillsMatch: value === "all" ? "all" : "any" })}
            />
          )}
        </Stack>
        <TagsInput
          label="Tags"
          placeholder={filters.tags.length ? undefined : "Any tag"}
          description="Any of these"
          w={{ base: "100%", sm: 240 }}
          maxTags={20}
          clearable
          value={filters.tags}
          onChange={(tags) => onChange({ tags: tags.map((t) => t.trim().toLowerCase()).filter(Boolean) })}
        />
      </Group>
      <Group gap="lg" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} aria-hidden>
            Type
          </Text>
          <Chip.Group multiple value={filters.types} onChange={(types) => onChange({ types: types as QuestionType[] })}>
            <Group gap={6} role="group" aria-label="Type">
              {QUESTION_TYPES.map((type) => (
                <Chip key={type} value={type} size="sm" data-testid={`type-chip-${type}`}>
                  {QUESTION_TYPE_LABEL[type]}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Stack>
        <DifficultyRange
          min={filters.difficultyMin}
          max={filters.difficultyMax}
          onCommit={(difficultyMin, difficultyMax) => onChange({ difficultyMin, difficultyMax })}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} aria-hidden>
            Status
          </Text>
          <RadioChips
            aria-label="Status"
            chips={STATUS_CHIPS}
            value={filters.status}
            onChange={(status) => onChange({ status })}
            testIdPrefix="status"
          />
        </Stack>
        {onClear && (
          <Button variant="subtle" leftSection={<IconX size={14} aria-hidden />} onClick={onClear}>
            Clear filters
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** Typing stays instant; the search (and the request) follows 300 ms after the last key, or at once on Enter. */
function SearchInput({ initial, onCommit }: { initial: string; onCommit: (value: string) => void }) {
  const [value, setValue] = useState(initial);
  const commit = useDebouncedCallback(onCommit, 300);
  return (
    <TextInput
      label="Search"
      description='Words, "a phrase", -excluded, or'
      placeholder="e.g. index -hash"
      type="search"
      w={{ base: "100%", sm: 300 }}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={value}
      onChange={(event) => {
        setValue(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === "Enter") {
          commit.cancel();
          onCommit(value);
        }
      }}
    />
  );
}

/** The difficulty range: dragged or moved with the arrow keys; the list follows when the thumb is let go. */
function DifficultyRange({
  min,
  max,
  onCommit,
}: {
  min: number;
  max: number;
  onCommit: (min: number, max: number) => void;
}) {
  const [value, setValue] = useState<[number, number]>([min, max]);
  // The address changed (Clear filters, back and forward): show its range.
  const [shown, setShown] = useState<[number, number]>([min, max]);
  if (shown[0] !== min || shown[1] !== max) {
    setShown([min, max]);
    setValue([min, max]);
  }
  return (
    <Input.Wrapper label={`Difficulty ${value[0] === value[1] ? value[0] : `${value[0]}–${value[1]}`}`} w={200}>
      <RangeSlider
        mt={6}
        mb="md"
        min={1}
        max={5}
        step={1}
        minRange={0}
        marks={DIFFICULTY_MARKS}
        label={null}
        value={value}
        onChange={setValue}
        onChangeEnd={([a, b]) => onCommit(a, b)}
        thumbFromLabel="Lowest difficulty"
        thumbToLabel="Highest difficulty"
      />
    </Input.Wrapper>
  );
}
