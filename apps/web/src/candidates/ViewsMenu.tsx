import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import type { CandidateFilters, CandidateSort, SortOrder } from "@shortlist/api/schemas";
import { IconBookmark, IconBookmarkPlus, IconChevronDown, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage, fieldErrors } from "../lib/errors";
import { useTRPC } from "../lib/trpc";
import { FormError } from "../ui/ErrorState";
import { FormActions } from "../ui/FormActions";
import type { SavedView } from "./types";

interface Props {
  /** What "Save view" keeps: the list's filters and the sort chosen (none: the default). */
  current: { filters: CandidateFilters; sort: CandidateSort | undefined; order: SortOrder };
  onApply: (view: SavedView) => void;
}

/** The user's saved views: apply one, save the current filters and sort under a name, delete one. */
export function ViewsMenu({ current, onApply }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const views = useQuery(trpc.views.list.queryOptions());
  const [saving, save] = useDisclosure(false);
  const remove = useMutation(
    trpc.views.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.views.list.queryFilter()),
      onError: (error) => notifications.show({ color: "red", title: "Not deleted", message: errorMessage(error) }),
    }),
  );

  return (
    <>
      <Menu position="bottom-end" width={280} withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconBookmark size={16} aria-hidden />}
            rightSection={<IconChevronDown size={14} aria-hidden />}
          >
            Views
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid="views-menu">
          <Menu.Label>Saved views</Menu.Label>
          {views.isError && <Menu.Label c="red">Could not load them: {errorMessage(views.error)}</Menu.Label>}
          {views.data?.length === 0 && <Menu.Label>None yet: save the filters and sort you use.</Menu.Label>}
          {views.data?.map((view) => (
            <Group key={view.id} gap={0} wrap="nowrap">
              <Menu.Item onClick={() => onApply(view)} style={{ flex: 1 }}>
                {view.name}
              </Menu.Item>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Delete the view ${view.name}`}
                loading={remove.isPending && remove.variables.id === view.id}
                onClick={() => remove.mutate({ id: view.id })}
              >
                <IconTrash size={14} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconBookmarkPlus size={16} aria-hidden />} onClick={save.open}>
            Save current view…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={saving} onClose={save.close} title="Save this view">
        {saving && <SaveViewForm current={current} onDone={save.close} />}
      </Modal>
    </>
  );
}

function SaveViewForm({ current, onDone }: { current: Props["current"]; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const saveView = useMutation(
    trpc.views.save.mutationOptions({
      async onSuccess(view) {
        notifications.show({ color: "green", title: "View saved", message: `“${view.name}” is in the Views menu.` });
        onDone();
        await queryClient.invalidateQueries(trpc.views.list.queryFilter());
      },
    }),
  );
  const nameError = fieldErrors(saveView.error).find((e) => e.path === "name")?.message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    saveView.mutate({ name, filters: current.filters, sort: current.sort, order: current.order });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label="Name"
          required
          data-autofocus
          placeholder="e.g. Senior backend, best first"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={nameError}
        />
        <Text size="sm" c="dimmed">
          Saving under a name you already use replaces that view.
        </Text>
        {!nameError && <FormError error={saveView.error} title="Not saved" />}
        <FormActions onCancel={onDone} loading={saveView.isPending}>
          Save view
        </FormActions>
      </Stack>
    </form>
  );
}
