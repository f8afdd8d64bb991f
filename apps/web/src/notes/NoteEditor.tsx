import { Button, Combobox, Group, Stack, Text, Textarea, useCombobox } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { fromEditable, mentionAt, NOTE_BODY_MAX, toEditable, type Mention } from "@shortlist/api/schemas";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { fieldErrors } from "../lib/errors";
import { useTRPC } from "../lib/trpc";
import { FormError } from "../ui/ErrorState";
import { FormActions } from "../ui/FormActions";

interface Props {
  /** The stored body (mention tokens and all) to start from. */
  initial?: string;
  submitLabel: string;
  submitting: boolean;
  error: unknown;
  /** Gets the body to store: `@Name` of each chosen user turned into its mention token. */
  onSubmit: (body: string) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}

/** A note's text area: typing `@` offers the users to mention (arrow keys and Enter, or a click). */
export function NoteEditor({ initial = "", submitLabel, submitting, error, onSubmit, onCancel, autoFocus }: Props) {
  const trpc = useTRPC();
  const start = useState(() => toEditable(initial))[0];
  const [text, setText] = useState(start.text);
  const [mentions, setMentions] = useState<Mention[]>(start.mentions);
  const [caret, setCaret] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });

  const typing = mentionAt(text, caret);
  const [search] = useDebouncedValue(typing?.query ?? "", 150);
  const users = useQuery(
    trpc.notes.mentionable.queryOptions({ search }, { enabled: typing !== null, placeholderData: keepPreviousData }),
  );
  // The last answer, narrowed at once to what is typed now (the next answer comes after the debounce).
  const offered = useMemo(() => {
    if (!typing || !users.data) return undefined;
    const query = typing.query.toLowerCase();
    return users.data.filter((u) => u.name.toLowerCase().includes(query) || u.email.toLowerCase().includes(query));
  }, [typing?.query, users.data]);
  const options = offered ?? [];

  useEffect(() => {
    if (offered?.length) {
      combobox.openDropdown();
      combobox.selectFirstOption();
    } else combobox.closeDropdown();
    // The store is a new object each render; what matters is what there is to offer.
  }, [offered]);

  const choose = (userId: string) => {
    const user = options.find((u) => u.id === userId);
    if (!user || !typing) return;
    // Two people of one name: the second is told apart by their email.
    const taken = mentions.some((m) => m.label === user.name && m.userId !== user.id);
    const label = taken ? `${user.name} (${user.email})` : user.name;
    const inserted = `@${label} `;
    const next = text.slice(0, typing.start) + inserted + text.slice(caret);
    const position = typing.start + inserted.length;
    setText(next);
    setMentions((previous) => [...previous, { label, userId: user.id }]);
    setCaret(position);
    combobox.closeDropdown();
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(position, position);
    });
  };

  const submit = (event: Pick<FormEvent, "preventDefault">) => {
    event.preventDefault();
    onSubmit(fromEditable(text.trim(), mentions));
  };
  const trackCaret = () => setCaret(area.current?.selectionStart ?? 0);
  const bodyError = fieldErrors(error).find((f) => f.path === "body")?.message;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Combobox store={combobox} onOptionSubmit={choose} position="bottom-start" width={320}>
          <Combobox.Target withKeyboardNavigation={combobox.dropdownOpened}>
            <Textarea
              ref={area}
              aria-label="Note"
              placeholder="Write a note; type @ to mention someone"
              autosize
              minRows={2}
              maxRows={12}
              maxLength={NOTE_BODY_MAX}
              autoFocus={autoFocus}
              value={text}
              error={bodyError}
              onChange={(event) => {
                setText(event.currentTarget.value);
                setCaret(event.currentTarget.selectionStart ?? 0);
              }}
              onSelect={trackCaret}
              onClick={trackCaret}
              onBlur={() => combobox.closeDropdown()}
              onKeyDown={(event) => {
                // Ctrl/Cmd+Enter saves, as in most editors.
                if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) submit(event);
              }}
            />
          </Combobox.Target>
          <Combobox.Dropdown>
            <Combobox.Options aria-label="People to mention">
              {options.map((user) => (
                <Combobox.Option value={user.id} key={user.id}>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={500}>
                      {user.name}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {user.email}
                    </Text>
                  </Group>
                </Combobox.Option>
              ))}
            </Combobox.Options>
          </Combobox.Dropdown>
        </Combobox>
        {!bodyError && <FormError error={error} />}
        {onCancel ? (
          <FormActions onCancel={onCancel} loading={submitting} disabled={!text.trim()}>
            {submitLabel}
          </FormActions>
        ) : (
          <Group justify="flex-end">
            <Button type="submit" loading={submitting} disabled={!text.trim()}>
              {submitLabel}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
