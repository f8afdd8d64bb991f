import { Button, Group, Skeleton } from "@mantine/core";
import { useRef, type KeyboardEvent, type ReactNode } from "react";

export interface RadioChip<V extends string> {
  value: V;
  label: string;
  /** A number after the label; undefined while it loads (a placeholder), null when there is none to show. */
  count?: number | null;
  /** Read after the label by screen readers instead of the bare number, e.g. "3 applications". */
  countLabel?: string;
}

interface Props<V extends string> {
  chips: readonly RadioChip<V>[];
  value: V;
  onChange: (value: V) => void;
  "aria-label": string;
  /** `data-testid` of each chip: `${testIdPrefix}-${value}`. */
  testIdPrefix?: string;
  format?: (count: number) => ReactNode;
}

const NEXT: Record<string, 1 | -1 | "first" | "last"> = {
  ArrowRight: 1,
  ArrowDown: 1,
  ArrowLeft: -1,
  ArrowUp: -1,
  Home: "first",
  End: "last",
};

/**
 * One choice among a few, as chips: a radio group that is one tab stop (the chosen chip), with the arrow keys, Home
 * and End moving the choice inside it, as native radio buttons do.
 */
export function RadioChips<V extends string>({
  chips,
  value,
  onChange,
  "aria-label": label,
  testIdPrefix,
  format = String,
}: Props<V>) {
  const refs = useRef(new Map<V, HTMLButtonElement>());
  const move = (event: KeyboardEvent, index: number) => {
    const step = NEXT[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const to = step === "first" ? 0 : step === "last" ? chips.length - 1 : (index + step + chips.length) % chips.length;
    const chip = chips[to]!;
    onChange(chip.value);
    refs.current.get(chip.value)?.focus();
  };
  return (
    <Group gap="xs" role="radiogroup" aria-label={label}>
      {chips.map((chip, index) => {
        const checked = chip.value === value;
        return (
          <Button
            key={chip.value}
            ref={(element) => {
              if (element) refs.current.set(chip.value, element);
              else refs.current.delete(chip.value);
            }}
            role="radio"
            aria-checked={checked}
            tabIndex={checked ? 0 : -1}
            size="compact-sm"
            radius="xl"
            variant={checked ? "filled" : "light"}
            onClick={() => onChange(chip.value)}
            onKeyDown={(event) => move(event, index)}
            data-testid={testIdPrefix ? `${testIdPrefix}-${chip.value}` : undefined}
            aria-label={chip.countLabel ? `${chip.label}: ${chip.countLabel}` : undefined}
            rightSection={
              chip.count === undefined ? (
                <Skeleton component="span" display="inline-block" w={14} h={10} />
              ) : chip.count === null ? undefined : (
                <span>{format(chip.count)}</span>
              )
            }
          >
            {chip.label}
          </Button>
        );
      })}
    </Group>
  );
}
