import { ActionIcon, Group, Textarea, Tooltip } from "@mantine/core";
import { IconSend } from "@tabler/icons-react";
import { useState, type KeyboardEvent } from "react";

interface Props {
  /** Answers whether the text was taken (it is cleared then). */
  onSend: (text: string) => Promise<boolean>;
  sending: boolean;
  /** Why sending is not possible now (shown on the button), or null. */
  blocked?: string | null;
}

/** The message box: Enter sends, Shift+Enter starts a new line; disabled while a message is on its way. */
export function Composer({ onSend, sending, blocked = null }: Props) {
  const [text, setText] = useState("");
  const canSend = !sending && !blocked && text.trim().length > 0;

  const send = async () => {
    if (!canSend) return;
    if (await onSend(text.trim())) setText("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Textarea
          aria-label="Message"
          placeholder="Write a message (Enter sends, Shift+Enter for a new line)"
          autosize
          minRows={1}
          maxRows={8}
          style={{ flex: 1 }}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={onKeyDown}
          disabled={sending}
        />
        <Tooltip label={blocked ?? "Send (Enter)"}>
          <ActionIcon type="submit" size="lg" variant="filled" aria-label="Send" loading={sending} disabled={!canSend}>
            <IconSend size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Group>
    </form>
  );
}
