import { Button, FileInput, Group, Progress, Stack, Text } from "@mantine/core";
import { IconFileImport, IconUpload } from "@tabler/icons-react";
import type { ComponentProps } from "react";

export interface JsonlFilePickerProps {
  label: string;
  description?: string;
  /** `data-testid` of the file input itself (browser tests set its files). */
  testId: string;
  file: File | null;
  onChange(file: File | null): void;
  /** The import button's text. */
  action: string;
  onImport(file: File): void;
  pending: boolean;
  autoFocus?: boolean;
}

/** A JSON Lines file and the button that imports it: the one picker of every JSONL import screen. */
export function JsonlFilePicker(props: JsonlFilePickerProps) {
  const { file, pending } = props;
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <FileInput
        label={props.label}
        description={props.description}
        placeholder="Choose a .jsonl file"
        accept=".jsonl,.ndjson,application/jsonl,application/x-ndjson"
        value={file}
        onChange={props.onChange}
        clearable
        clearButtonProps={{ "aria-label": "Clear the chosen file" }}
        leftSection={<IconFileImport size={16} aria-hidden />}
        fileInputProps={{ "data-testid": props.testId } as ComponentProps<"input">}
        disabled={pending}
        w={{ base: "100%", sm: 320 }}
        data-autofocus={props.autoFocus || undefined}
      />
      <Button
        leftSection={<IconUpload size={16} aria-hidden />}
        onClick={() => file && props.onImport(file)}
        disabled={!file || pending}
        loading={pending}
      >
        {props.action}
      </Button>
    </Group>
  );
}

/** How far an import got: a bar and a line for screen readers. */
export function ImportProgress({ value, label }: { value: number; label: string }) {
  return (
    <Stack gap={4}>
      <Progress value={value} aria-label="Import progress" animated />
      <Text size="sm" c="dimmed" role="status">
        {label}
      </Text>
    </Stack>
  );
}
