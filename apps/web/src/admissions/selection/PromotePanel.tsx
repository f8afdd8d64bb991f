import { Alert, Anchor, Button, Group, List, Select, Stack, Text } from "@mantine/core";
import type { CycleDto } from "@shortlist/api";
import { IconUserPlus } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../lib/errors";
import { plural } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { Section } from "../../ui/Section";

/**
 * PUBLISHED (admins): every selected applicant not yet promoted becomes a candidate in the chosen job's first stage,
 * carrying their identity and a link to the admission application, in one action.
 */
export function PromotePanel({ cycle }: { cycle: CycleDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const jobs = useQuery(trpc.jobs.list.queryOptions({}));
  const options = (jobs.data ?? []).map((job) => ({ value: job.id, label: `${job.title} · ${job.company}` }));
  const promote = useMutation(
    trpc.admissions.promote.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.admissions.pathKey() }),
    }),
  );
  const jobName = options.find((o) => o.value === jobId)?.label;

  return (
    <Section title="Promote to job">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          The selected applicants become candidates of the job, in its first stage, with their name, email and phone.
          Promoting again skips those already promoted.
        </Text>
        <Group align="flex-end" gap="sm">
          <Select
            label="Job"
            placeholder={jobs.isPending ? "Loading jobs…" : "Choose a job"}
            data={options}
            value={jobId}
            onChange={setJobId}
            searchable
            nothingFoundMessage="No job matches"
            w={{ base: "100%", sm: 360 }}
            error={jobs.isError ? errorMessage(jobs.error) : undefined}
          />
          <Button
            leftSection={<IconUserPlus size={16} aria-hidden />}
            disabled={!jobId}
            loading={promote.isPending}
            onClick={() => jobId && promote.mutate({ cycleId: cycle.id, jobId })}
          >
            Promote selected
          </Button>
        </Group>
        {promote.isError && (
          <Alert color="red" variant="light" title="Not promoted" role="alert">
            {errorMessage(promote.error)}
          </Alert>
        )}
        {promote.data && (
          <Alert color="green" variant="light" title="Promoted" role="status" data-testid="promote-result">
            <Text size="sm">
              {plural(promote.data.promoted.length, "candidate")} created
              {jobName ? ` in ${jobName}` : ""}
              {promote.data.alreadyPromoted
                ? `; ${promote.data.alreadyPromoted} promoted before, left as they are`
                : ""}
              .
            </Text>
            {promote.data.promoted.length > 0 && (
              <List size="sm" mt="xs" spacing={2}>
                {promote.data.promoted.map((p, i) => (
                  <List.Item key={p.candidateId}>
                    <Anchor component={Link} to={`/candidates/${p.candidateId}`}>
                      Candidate {i + 1}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            )}
            {jobId && (
              <Anchor component={Link} to={`/jobs/${jobId}`} size="sm" mt="xs" display="inline-block">
                Open the job&apos;s board
              </Anchor>
            )}
          </Alert>
        )}
      </Stack>
    </Section>
  );
}
