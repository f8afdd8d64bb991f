import { Badge, Button, Group, Modal, Progress, Stack, Table, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { PROFILE_FIELDS, REQUIRED_FIELDS, type ProfileField } from "@shortlist/api/schemas";
import { IconPencil } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../lib/trpc";
import { ErrorState } from "../ui/ErrorState";
import { Section } from "../ui/Section";
import { FIELD_LABEL, fieldText } from "./labels";
import { ProfileForm } from "./ProfileForm";
import type { ProfileDTO } from "./types";

/** The vacancy profile as the chat fills it: each field's value or "missing", and how far it is. */
export function ProfilePanel({ jobId, initial }: { jobId: string; initial: ProfileDTO }) {
  const trpc = useTRPC();
  const [editing, edit] = useDisclosure(false);
  const query = useQuery(trpc.intake.profile.queryOptions({ jobId }, { initialData: initial }));
  const dto = query.data;

  return (
    <Section
      title="Vacancy profile"
      data-testid="vacancy-profile"
      actions={
        <Button variant="default" size="xs" leftSection={<IconPencil size={14} aria-hidden />} onClick={edit.open}>
          Edit profile
        </Button>
      }
    >
      <Stack gap="sm" aria-busy={query.isFetching}>
        {query.isError && (
          <ErrorState
            error={query.error}
            title="Could not refresh the profile"
            onRetry={() => void query.refetch()}
            retrying={query.isFetching}
          />
        )}
        <ProfileProgress dto={dto} />
        <ProfileTable dto={dto} />
      </Stack>
      <Modal opened={editing} onClose={edit.close} title="Edit the vacancy profile" size="xl">
        {/* Mounted per opening: each opening starts from the profile as it is now. */}
        {editing && <ProfileForm dto={dto} onDone={edit.close} />}
      </Modal>
    </Section>
  );
}

function ProfileProgress({ dto }: { dto: ProfileDTO }) {
  const required = REQUIRED_FIELDS.length;
  const filled = required - dto.missing.length;
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" data-testid="profile-progress" aria-live="polite">
          {filled} of {required} required fields
        </Text>
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            Version {dto.version}
          </Text>
          <Badge color={dto.complete ? "green" : "yellow"} variant="light" data-testid="profile-status">
            {dto.complete ? "Complete" : "Incomplete"}
          </Badge>
        </Group>
      </Group>
      <Progress
        value={(filled / required) * 100}
        color={dto.complete ? "green" : "blue"}
        aria-label={`${filled} of ${required} required fields filled`}
      />
    </Stack>
  );
}

function ProfileTable({ dto }: { dto: ProfileDTO }) {
  const missing = new Set<ProfileField>(dto.missing);
  return (
    <Table verticalSpacing={6} layout="fixed">
      <Table.Tbody>
        {PROFILE_FIELDS.map((field) => {
          const text = fieldText(dto.profile, field);
          return (
            <Table.Tr key={field} data-testid={`profile-field-${field}`}>
              <Table.Th w={150} fw={500} fz="sm">
                {FIELD_LABEL[field]}
              </Table.Th>
              <Table.Td fz="sm">
                {text ? (
                  text
                ) : missing.has(field) ? (
                  <Badge color="red" variant="light" size="sm">
                    missing
                  </Badge>
                ) : (
                  <Text size="sm" c="dimmed">
                    not given
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
