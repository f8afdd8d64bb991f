import { Anchor, Badge, Stack, Text, Title } from "@mantine/core";
import { IconClipboardText } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { formatDate, plural } from "../lib/format";
import { useHasRole } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { DataTable, type Column } from "../ui/DataTable";
import { Empty } from "../ui/Empty";
import { Forbidden } from "../ui/Forbidden";
import { Section } from "../ui/Section";
import { StartIntakeForm } from "./StartIntakeForm";
import type { IntakeSession } from "./types";

const COLUMNS: Column<IntakeSession>[] = [
  {
    key: "job",
    header: "Job",
    skeletonWidth: 180,
    cell: (intake) => (
      <Anchor component={Link} to={`/intake/${intake.id}`} fw={500}>
        {intake.jobTitle}
      </Anchor>
    ),
  },
  { key: "profession", header: "Profession", cell: (intake) => intake.profession },
  {
    key: "complete",
    header: "Profile",
    cell: (intake) =>
      intake.complete ? (
        <Badge color="green" variant="light">
          Complete
        </Badge>
      ) : (
        <Badge color="gray" variant="light">
          In progress
        </Badge>
      ),
  },
  {
    key: "started",
    header: "Started",
    cell: (intake) => (
      <Text size="sm" c="dimmed">
        {formatDate(intake.createdAt)}
      </Text>
    ),
  },
];

export default function IntakeListPage() {
  if (!useHasRole("writers")) return <Forbidden what="vacancy intakes" />;
  return <IntakeList />;
}

function IntakeList() {
  const trpc = useTRPC();
  const intakes = useQuery(trpc.intake.list.queryOptions({}));
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          Vacancy intake
        </Title>
        <Text size="sm" c="dimmed" aria-live="polite">
          {intakes.data ? plural(intakes.data.length, "recent intake") : "Counting…"}
        </Text>
      </div>

      <Section title="Start an intake">
        <StartIntakeForm />
      </Section>

      <DataTable
        data-testid="intakes-table"
        minWidth={640}
        skeletonRows={3}
        tableProps={{ striped: true, highlightOnHover: true, bg: "white" }}
        columns={COLUMNS}
        rowKey={(intake) => intake.id}
        rows={intakes.data}
        error={intakes.error}
        errorTitle="Could not load the intakes"
        onRetry={() => void intakes.refetch()}
        retrying={intakes.isFetching}
        empty={
          <Empty
            title="No intakes yet"
            description="Name a role above: the intake chat asks what the vacancy needs and fills its profile."
            icon={<IconClipboardText aria-hidden />}
          />
        }
      />
    </Stack>
  );
}
