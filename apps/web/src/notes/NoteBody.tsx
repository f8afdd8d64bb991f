import { Badge, Text } from "@mantine/core";
import { parseNoteBody } from "@shortlist/api/schemas";

/** A note's text with its @mentions as chips; line breaks kept. */
export function NoteBody({ body }: { body: string | null }) {
  if (body === null)
    return (
      <Text size="sm" c="dimmed" fs="italic">
        Erased with the person's data
      </Text>
    );
  return (
    <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} data-testid="note-body">
      {parseNoteBody(body).map((part, i) =>
        part.type === "text" ? (
          part.text
        ) : (
          <Badge
            key={i}
            component="span"
            variant="light"
            radius="sm"
            tt="none"
            fw={600}
            data-user-id={part.userId}
            style={{ verticalAlign: "baseline" }}
          >
            @{part.label}
          </Badge>
        ),
      )}
    </Text>
  );
}
