import { Anchor, Group, Stack, Text, Title } from "@mantine/core";
import type { CycleDto } from "@shortlist/api";
import { uuid } from "@shortlist/api/schemas";
import { IconSchoolOff } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link, useLocation, useParams } from "react-router";
import { useHasRole } from "../../lib/session";
import { Forbidden } from "../../ui/Forbidden";
import { BackLink, RecordPage } from "../../ui/RecordPage";
import { PhaseBadge } from "./badges";
import { useCycle } from "./cycle-queries";

const BACK = { to: "/admissions", label: "All cycles" };

const TABS = [
  { to: "", label: "Board" },
  { to: "/review", label: "Review queue" },
  { to: "/scores", label: "Scores" },
  { to: "/selection", label: "Selection" },
] as const;

/**
 * A cycle's screen (`/admissions/:id/…`) for members: the cycle loaded (missing, failing or loading answered here),
 * its name and phase, and the links between its screens.
 */
export function CyclePage({ children }: { children: (cycle: CycleDto) => ReactNode }) {
  if (!useHasRole("members")) return <Forbidden what="admission cycles" />;
  return <CycleLoader>{children}</CycleLoader>;
}

function CycleLoader({ children }: { children: (cycle: CycleDto) => ReactNode }) {
  const { id = "" } = useParams();
  const validId = uuid.safeParse(id).success;
  const cycle = useCycle(id, validId);
  return (
    <RecordPage
      validId={validId}
      query={cycle}
      back={BACK}
      notFound={{
        title: "Admission cycle not found",
        description: "The link may be wrong.",
        icon: <IconSchoolOff aria-hidden />,
      }}
      errorTitle="Could not load this admission cycle"
      skeleton={[60, 240]}
    >
      {(data) => (
        <Stack gap="md">
          <BackLink {...BACK} />
          <CycleHeader cycle={data} />
          {children(data)}
        </Stack>
      )}
    </RecordPage>
  );
}

function CycleHeader({ cycle }: { cycle: CycleDto }) {
  const { pathname } = useLocation();
  return (
    <Stack gap="xs">
      <Group gap="sm" align="center">
        <Title order={1} size="h2">
          {cycle.name}
        </Title>
        <PhaseBadge phase={cycle.phase} size="lg" />
      </Group>
      <Group component="nav" aria-label="Cycle screens" gap="lg">
        {TABS.map((tab) => {
          const to = `/admissions/${cycle.id}${tab.to}`;
          const current = pathname === to;
          return (
            <Anchor
              key={tab.label}
              component={Link}
              to={to}
              size="sm"
              fw={current ? 700 : 500}
              underline={current ? "always" : "hover"}
              aria-current={current ? "page" : undefined}
            >
              {tab.label}
            </Anchor>
          );
        })}
        {cycle.phase === "DRAFT" ? (
          // A draft's address answers "not found" until applications open: shown, not linked.
          <Text size="sm" c="dimmed" data-testid="public-form-draft">
            {`Public form: ${window.location.origin}/apply/${cycle.slug} (opens when applications open)`}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            Public form:{" "}
            <Anchor href={`/apply/${cycle.slug}`} target="_blank" rel="noreferrer" data-testid="public-form-link">
              {`${window.location.origin}/apply/${cycle.slug}`}
            </Anchor>
          </Text>
        )}
      </Group>
    </Stack>
  );
}
