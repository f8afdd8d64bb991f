import { Alert, Avatar, Button, FileButton, Group, Stack, Text } from "@mantine/core";
import { IconRobot, IconUpload } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AVATAR_UPLOAD, personaAvatarPath } from "@shortlist/api/schemas";
import superjson from "superjson";
import { useTRPC } from "../../lib/trpc";
import type { Persona } from "../types";

const ACCEPT = AVATAR_UPLOAD.types.join(",");
const KB = 1024;

/** The server's refusal of an upload (a tRPC error envelope), as one sentence. */
async function uploadRefusal(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    const error = superjson.deserialize<{ message?: string }>(body.error as never);
    if (error?.message) return error.message;
  } catch {
    // Not JSON (a proxy's page): fall through to the status.
  }
  return `The upload was refused (HTTP ${response.status}).`;
}

async function uploadAvatar(personaId: string, file: File): Promise<void> {
  // Checked here too, so a wrong file is not sent at all (the server checks again, and the first bytes).
  if (!(AVATAR_UPLOAD.types as readonly string[]).includes(file.type))
    throw new Error("Choose a PNG, JPEG or WebP image.");
  if (file.size > AVATAR_UPLOAD.maxBytes)
    throw new Error(`The image is over ${AVATAR_UPLOAD.maxBytes / KB} KB: choose a smaller one.`);
  const body = new FormData();
  body.append(AVATAR_UPLOAD.field, file);
  const response = await fetch(personaAvatarPath.build({ id: personaId }), {
    method: "POST",
    body,
    credentials: "same-origin",
  });
  if (!response.ok) throw new Error(await uploadRefusal(response));
}

/** The avatar's address; the server's carries the file's name, so a replaced image is fetched anew. */
export const avatarSrc = (persona: Pick<Persona, "avatarUrl">) => persona.avatarUrl;

/** The persona's picture in the chat, and (for admins) a button to upload a new one. */
export function AvatarUpload({ persona, canEdit }: { persona: Persona; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => uploadAvatar(persona.id, file),
    async onSuccess() {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.personas.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.conversations.pathKey() }),
      ]);
    },
  });

  return (
    <Stack gap="xs">
      <Group gap="md">
        <Avatar src={avatarSrc(persona)} alt={`${persona.name}'s avatar`} size={64} radius="xl" color="violet">
          <IconRobot size={32} aria-hidden />
        </Avatar>
        <div>
          <Text size="sm" fw={500}>
            Avatar
          </Text>
          <Text size="xs" c="dimmed">
            PNG, JPEG or WebP up to {AVATAR_UPLOAD.maxBytes / KB} KB; shown beside the persona&apos;s messages.
          </Text>
          {canEdit && (
            <FileButton onChange={(file) => file && upload.mutate(file)} accept={ACCEPT}>
              {(props) => (
                <Button
                  {...props}
                  mt={6}
                  size="xs"
                  variant="default"
                  leftSection={<IconUpload size={14} aria-hidden />}
                  loading={upload.isPending}
                >
                  {persona.avatarUrl ? "Replace avatar" : "Upload avatar"}
                </Button>
              )}
            </FileButton>
          )}
        </div>
      </Group>
      {upload.error && (
        <Alert
          color="red"
          variant="light"
          title="Avatar not saved"
          role="alert"
          withCloseButton
          onClose={() => upload.reset()}
        >
          {upload.error.message}
        </Alert>
      )}
    </Stack>
  );
}
