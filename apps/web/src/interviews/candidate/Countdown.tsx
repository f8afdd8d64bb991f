import { Badge, Group, Text, VisuallyHidden } from "@mantine/core";
import { IconClock } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { formatClock } from "./view";

interface Props {
  /** As the server counted it in its latest answer; the clock ticks from there and starts again at each answer. */
  secondsLeft: number;
  /** Changes with every server answer (the answer itself): the clock re-syncs to `secondsLeft` then. */
  syncedWith: unknown;
  /** Once, when the clock reaches zero. */
  onElapsed?: () => void;
}

const LOW_SECONDS = 60;

/** The time left for the current question, ticking locally; announced only at one minute left and at zero. */
export function Countdown({ secondsLeft, syncedWith, onElapsed }: Props) {
  const [left, setLeft] = useState(secondsLeft);
  const elapsed = useRef(onElapsed);
  elapsed.current = onElapsed;

  useEffect(() => {
    const deadline = Date.now() + secondsLeft * 1000;
    setLeft(secondsLeft);
    if (secondsLeft <= 0) return;
    const timer = setInterval(() => {
      const now = Math.max(0, (deadline - Date.now()) / 1000);
      setLeft(now);
      if (now === 0) {
        clearInterval(timer);
        elapsed.current?.();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [secondsLeft, syncedWith]);

  const over = left <= 0;
  const low = left <= LOW_SECONDS;
  return (
    <Group gap={6} wrap="nowrap">
      <Badge
        size="lg"
        variant="light"
        color={over ? "red" : low ? "orange" : "gray"}
        leftSection={<IconClock size={14} aria-hidden />}
        role="timer"
        aria-label={over ? "No time left for this question" : `Time left for this question: ${formatClock(left)}`}
        data-testid="question-clock"
      >
        {formatClock(left)}
      </Badge>
      {over && (
        <Text size="xs" c="red.8">
          Time is up: submit what you have.
        </Text>
      )}
      <VisuallyHidden aria-live="polite">
        {over ? "Time is up for this question." : low ? "Less than a minute left for this question." : ""}
      </VisuallyHidden>
    </Group>
  );
}
