import { Badge, Table, Text } from "@mantine/core";
import { displayValue, fieldChanges, isErased, isUnreadable } from "./change";

type Side = Record<string, unknown> | null | undefined;

/** An event's change: one line per field, its value before and after (as the server decrypted them). */
export function ChangeView({
  before,
  after,
  personal = [],
  label,
}: {
  before: Side;
  after: Side;
  /** Fields sealed with the person's key in the stored event. */
  personal?: readonly string[];
  label: string;
}) {
  const changes = fieldChanges(before, after);
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        This event records no field values.
      </Text>
    );
  }
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm" aria-label={label} bg="var(--mantine-color-gray-0)">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Field</Table.Th>
          <Table.Th scope="col">Before</Table.Th>
          <Table.Th scope="col">After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((c) => (
          <Table.Tr key={c.field}>
            <Table.Th scope="row" fw={500}>
              {c.field}
              {personal.includes(c.field) && (
                <Text span size="xs" c="dimmed" title="Personal: stored encrypted with the person's own key">
                  {" "}
                  (personal)
                </Text>
              )}
            </Table.Th>
            <Table.Td>
              <Value value={c.before} absent={c.only === "after"} />
            </Table.Td>
            <Table.Td>
              <Value value={c.after} absent={c.only === "before"} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Value({ value, absent }: { value: unknown; absent: boolean }) {
  if (absent) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  if (isErased(value)) {
    return (
      <Badge
        color="gray"
        variant="light"
        tt="none"
        title="The person was erased: this value can no longer be decrypted"
      >
        [erased]
      </Badge>
    );
  }
  if (isUnreadable(value)) {
    return (
      <Badge
        color="red"
        variant="light"
        tt="none"
        title="This sealed value does not open: it was altered; verify the chain"
      >
        [unreadable]
      </Badge>
    );
  }
  return (
    <Text size="sm" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
      {displayValue(value)}
    </Text>
  );
}
