import { MultiSelect, type ComboboxItem, type MultiSelectProps, type OptionsFilter } from "@mantine/core";
import { SKILLS } from "@shortlist/api/schemas";

const NAMES = [...new Set(SKILLS.map((s) => s.name))].sort((a, b) => a.localeCompare(b));
/** Each skill's name and aliases, lower-cased: "postgres" finds PostgreSQL, "k8s" Kubernetes. */
const WORDS = new Map<string, string[]>();
for (const skill of SKILLS) {
  const words = WORDS.get(skill.name) ?? [];
  words.push(skill.name.toLowerCase(), ...skill.aliases.map((a) => a.toLowerCase()));
  WORDS.set(skill.name, words);
}

/** Names that start with the search first, then those where it appears in a name or an alias. */
const filter: OptionsFilter = ({ options, search, limit }) => {
  const term = search.trim().toLowerCase();
  const items = options as ComboboxItem[];
  if (!term) return items.slice(0, limit);
  const starts: ComboboxItem[] = [];
  const contains: ComboboxItem[] = [];
  for (const item of items) {
    const words = WORDS.get(item.value) ?? [item.value.toLowerCase()];
    if (words.some((w) => w.startsWith(term))) starts.push(item);
    else if (words.some((w) => w.includes(term))) contains.push(item);
  }
  return [...starts, ...contains].slice(0, limit);
};

type Props = Omit<MultiSelectProps, "data" | "filter" | "searchable">;

/**
 * A pick of skills from the list shared with intake and CV analysis, searched by name or alias. A skill the list
 * lacks (an imported question may carry one) stays shown and can be removed.
 */
export function SkillsPicker(props: Props) {
  const extra = (props.value ?? []).filter((skill) => !WORDS.has(skill));
  return (
    <MultiSelect
      searchable
      data={extra.length ? [...extra, ...NAMES] : NAMES}
      filter={filter}
      limit={30}
      maxValues={20}
      clearable
      hidePickedOptions
      nothingFoundMessage="Not in the skills list"
      {...props}
    />
  );
}
