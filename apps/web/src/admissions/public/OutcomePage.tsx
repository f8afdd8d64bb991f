import { Alert, Box, Button, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { applyStatusInput } from "@shortlist/api/schemas";
import { IconSearch } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { errorReason } from "../../lib/errors";
import { fieldResolver } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";
import { ErrorState } from "../../ui/ErrorState";
import { receiptFromSearch } from "./application";
import { PublicFrame } from "./PublicFrame";
import { StatusCard } from "./StatusCard";

const validate = fieldResolver(applyStatusInput);
type ReceiptInput = { applicationId: string; receipt: string };

/**
 * An applicant's status by receipt (`/apply/<slug>/status`, no sign-in): the stage, and the outcome once published.
 * Opened from the receipt's link, the id and receipt are filled in and checked at once. The id and receipt are
 * taken as pasted (spaces around them, capitals); an edit or a refused check clears the answer shown before.
 */
export default function OutcomePage() {
  const [search] = useSearchParams();
  const trpc = useTRPC();
  const fromLink = receiptFromSearch(search);
  const [checked, setChecked] = useState<ReceiptInput | null>(fromLink.valid ? fromLink.value : null);
  const form = useForm({ initialValues: fromLink.value, validate, onValuesChange: () => setChecked(null) });
  const status = useQuery(
    trpc.applicants.status.queryOptions(checked ?? { applicationId: "", receipt: "" }, {
      enabled: checked !== null,
      staleTime: 0,
    }),
  );
  useDocumentTitle("Application status");
  const check = (values: ReceiptInput) => {
    const next = applyStatusInput.parse(values);
    if (checked?.applicationId === next.applicationId && checked.receipt === next.receipt) void status.refetch();
    else setChecked(next);
  };

  return (
    <PublicFrame>
      <Box component="header">
        <Text size="sm" c="dimmed">
          Application status
        </Text>
        <Title order={1} size="h2">
          Check your application
        </Title>
        <Text mt="xs">Enter the application id and the receipt you were given when you applied.</Text>
      </Box>
      <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md">
        <form noValidate aria-label="Check your application" onSubmit={form.onSubmit(check, () => setChecked(null))}>
          <Stack gap="md">
            <TextInput
              label="Application id"
              required
              autoComplete="off"
              spellCheck={false}
              {...form.getInputProps("applicationId")}
            />
            <TextInput
              label="Receipt"
              required
              autoComplete="off"
              spellCheck={false}
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
              {...form.getInputProps("receipt")}
            />
            <Button
              type="submit"
              loading={status.isFetching}
              leftSection={<IconSearch size={16} aria-hidden />}
              style={{ alignSelf: "flex-start" }}
            >
              Check status
            </Button>
          </Stack>
        </form>
      </Paper>
      <Box aria-live="polite">
        {status.error ? (
          errorReason(status.error) === "not_found" ? (
            <Alert color="orange" variant="light" title="No application matches this id and receipt" role="alert">
              Check both against your receipt: the application id has 36 characters, the receipt 64.
            </Alert>
          ) : (
            <ErrorState error={status.error} title="Your status could not be checked" />
          )
        ) : (
          status.data && <StatusCard status={status.data} />
        )}
      </Box>
    </PublicFrame>
  );
}
