import { Alert, Anchor, Box, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import type { ReceiptDto } from "@shortlist/api";
import { cycleSlug } from "@shortlist/api/schemas";
import { IconLock, IconMoodEmpty } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { errorReason } from "../../lib/errors";
import { formatDate } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { ErrorState } from "../../ui/ErrorState";
import { PageLoader } from "../../ui/PageLoader";
import { ApplicationForm } from "./ApplicationForm";
import { closedWords, statusPath } from "./application";
import { PublicFrame } from "./PublicFrame";
import { ReceiptPanel } from "./ReceiptPanel";

/**
 * The public application form of a cycle (`/apply/<slug>`, no sign-in): the cycle's name, description and
 * questions; on success the receipt the applicant keeps to check their status later.
 */
export default function ApplyPage() {
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const wellFormed = cycleSlug.safeParse(slug).success;
  const form = useQuery(trpc.applicants.form.queryOptions({ slug }, { enabled: wellFormed, staleTime: 60_000 }));
  const [receipt, setReceipt] = useState<ReceiptDto | null>(null);
  const cycle = form.data;
  useDocumentTitle(cycle ? `Apply: ${cycle.name}` : "Application form");

  if (!wellFormed || errorReason(form.error) === "not_found") return <NotFound />;
  if (form.error && !cycle) {
    return (
      <PublicFrame>
        <ErrorState
          error={form.error}
          title="The application form could not be loaded"
          onRetry={() => void form.refetch()}
          retrying={form.isFetching}
        />
      </PublicFrame>
    );
  }
  if (!cycle) return <PageLoader label="Opening the application form" />;

  return (
    <PublicFrame>
      <Box component="header">
        <Text size="sm" c="dimmed">
          Application form
        </Text>
        <Title order={1} size="h2">
          {cycle.name}
        </Title>
        {cycle.description && (
          <Text mt="xs" style={{ whiteSpace: "pre-wrap" }}>
            {cycle.description}
          </Text>
        )}
      </Box>
      {receipt ? (
        <ReceiptPanel slug={slug} receipt={receipt} />
      ) : cycle.open ? (
        <ApplicationForm cycle={cycle} onReceived={setReceipt} onClosed={() => void form.refetch()} />
      ) : (
        <Alert color="orange" variant="light" title="Applications are closed" icon={<IconLock aria-hidden />}>
          {closedWords(cycle, new Date(), formatDate)}{" "}
          <Anchor component={Link} to={statusPath(slug)}>
            Check the status of an application
          </Anchor>
        </Alert>
      )}
    </PublicFrame>
  );
}

function NotFound() {
  return (
    <PublicFrame>
      <Title order={1} size="h2">
        Application form not found
      </Title>
      <Alert color="gray" variant="light" icon={<IconMoodEmpty aria-hidden />} title="Nothing is at this address">
        There is no application form at this address. Check the link you were given.
      </Alert>
    </PublicFrame>
  );
}
