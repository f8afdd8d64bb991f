import { Anchor, Badge, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import type { CandidateDTO } from "@shortlist/api";
import type { ReactNode } from "react";
import { formatDateTime } from "../lib/format";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </Stack>
  );
}

export function CandidateFields({ candidate: c }: { candidate: CandidateDTO }) {
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" m={0} spacing="md">
        <Field label="Email">
          <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor>
        </Field>
        <Field label="Résumé">
          {c.resumeUrl ? (
            <Anchor href={c.resumeUrl} target="_blank" rel="noopener noreferrer">
              {c.resumeUrl}
            </Anchor>
          ) : (
            "—"
          )}
        </Field>
        <Field label="Created">{formatDateTime(c.createdAt)}</Field>
        <Field label="Last saved">
          {formatDateTime(c.updatedAt)} (version {c.version})
        </Field>
      </SimpleGrid>
      <Stack gap={6}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Tags
        </Text>
        {c.tags.length ? (
          <Group gap={6} data-testid="candidate-tags">
            {c.tags.map((t) => (
              <Badge key={t} variant="light" color="gray" tt="none">
                {t}
              </Badge>
            ))}
          </Group>
        ) : (
          <Text size="sm">—</Text>
        )}
      </Stack>
      <Stack gap={6}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Assessment domains
        </Text>
        {c.assessmentDomains.length ? (
          <Group gap={6}>
            {c.assessmentDomains.map((d) => (
              <Badge key={d} variant="outline" tt="none">
                {d}
              </Badge>
            ))}
          </Group>
        ) : (
          <Text size="sm">—</Text>
        )}
      </Stack>
      <Stack gap={6}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Recruiter notes
        </Text>
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          {c.recruiterNotes ?? "—"}
        </Text>
      </Stack>
    </Stack>
  );
}
