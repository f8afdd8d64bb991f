import { Paper, ScrollArea, Text } from "@mantine/core";
import { useEffect, useMemo, useRef } from "react";
import { highlight } from "./highlight";

/** The extracted text, the chosen skill's evidence marked and the first mark scrolled into view. */
export function CvText({ text, spans }: { text: string; spans: readonly (readonly [number, number])[] }) {
  const pieces = useMemo(() => highlight(text, spans), [text, spans]);
  const first = useRef<HTMLElement | null>(null);
  useEffect(() => {
    first.current?.scrollIntoView?.({ block: "center", behavior: "smooth" });
  }, [spans]);
  let seen = false;
  return (
    <Paper withBorder radius="sm" p={0}>
      <ScrollArea.Autosize mah={360} type="auto" aria-label="The CV's text">
        <Text component="pre" size="sm" p="sm" m={0} style={{ whiteSpace: "pre-wrap", fontFamily: "inherit" }}>
          {pieces.map((piece) => {
            if (!piece.marked) return <span key={piece.start}>{piece.text}</span>;
            const isFirst = !seen;
            seen = true;
            return (
              <mark key={piece.start} ref={isFirst ? first : undefined}>
                {piece.text}
              </mark>
            );
          })}
        </Text>
      </ScrollArea.Autosize>
    </Paper>
  );
}
