import { Modal, Stack, TagsInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { plural } from "../../lib/format";
import { FormActions } from "../../ui/FormActions";

interface Props {
  opened: boolean;
  count: number;
  onClose: () => void;
  onSubmit: (add: string[], remove: string[]) => void;
}

/** Tags to add to and remove from the selected people (tags belong to the person, not the application). */
export function TagDialog({ opened, count, onClose, onSubmit }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Tag ${plural(count, "candidate")}`}>
      {opened && <TagForm count={count} onClose={onClose} onSubmit={onSubmit} />}
    </Modal>
  );
}

function TagForm({ count, onClose, onSubmit }: Omit<Props, "opened">) {
  const [add, setAdd] = useState<string[]>([]);
  const [remove, setRemove] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (add.length === 0 && remove.length === 0) return setError("Enter a tag to add or to remove");
    onSubmit(add, remove);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TagsInput
          label="Add tags"
          description="Press Enter after each tag"
          data-autofocus
          value={add}
          onChange={(value) => {
            setAdd(value);
            setError(null);
          }}
          error={error}
        />
        <TagsInput label="Remove tags" value={remove} onChange={setRemove} />
        <FormActions onCancel={onClose}>{`Tag ${plural(count, "candidate")}`}</FormActions>
      </Stack>
    </form>
  );
}
