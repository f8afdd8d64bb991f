import { Badge, Text } from "@mantine/core";
import { PII_KINDS } from "@shortlist/api/schemas";
import { Fragment } from "react";

const PLACEHOLDER = new RegExp(`\\[(${PII_KINDS.join("|")})\\]`, "g");

/** An anonymized answer, its placeholders ([NAME], [EMAIL]…) shown as badges so they read as redactions. */
export function AnswerText({ text }: { text: string }) {
  if (!text.trim())
    return (
      <Text size="sm" c="dimmed" fs="italic">
        Not answered
      </Text>
    );
  const parts = text.split(PLACEHOLDER);
  return (
    <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="answer-text">
      {parts.map((part, i) =>
        // split() with a capture group puts the captured kinds at the odd indexes.
        i % 2 === 1 ? (
          <Badge key={i} size="sm" variant="light" color="gray" radius="sm" tt="none" mx={2} data-testid="placeholder">
            [{part}]
          </Badge>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </Text>
  );
}
