import { Badge, Group, Progress, Stack, Table, Text, Tooltip } from "@mantine/core";
import type { MatchDTO } from "@shortlist/api";
import { percent } from "../../lib/format";

/** A small bar per factor (its value before weighting), its detail on hover; the expanded row says it in words. */
export function FactorBars({ match }: { match: MatchDTO }) {
  return (
    <Group gap={6} wrap="nowrap" data-testid="match-factors">
      {match.factors.map((f) => (
        <Tooltip
          key={f.factor}
          label={`${f.label}: ${percent(f.value)} (weighs ${percent(f.weight)} of the fit). ${f.detail}`}
          multiline
          maw={320}
        >
          <Stack gap={2} w={88}>
            <Text size="xs" c="dimmed" truncate lh={1.2}>
              {f.label}
            </Text>
            <Progress value={f.value * 100} size="sm" aria-label={`${f.label}: ${percent(f.value)}`} />
          </Stack>
        </Tooltip>
      ))}
    </Group>
  );
}

/** Why the candidate ranks where they do: every factor with its weight and detail, matched and missing skills. */
export function MatchDetails({ match }: { match: MatchDTO }) {
  return (
    <Stack gap="sm" data-testid="match-details">
      <Table verticalSpacing={4} fz="sm" maw={900}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Factor</Table.Th>
            <Table.Th scope="col">Value</Table.Th>
            <Table.Th scope="col">Share of the fit</Table.Th>
            <Table.Th scope="col">What it is made of</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {match.factors.map((f) => (
            <Table.Tr key={f.factor}>
              <Table.Td>{f.label}</Table.Td>
              <Table.Td>{percent(f.value)}</Table.Td>
              <Table.Td>{percent(f.weight)}</Table.Td>
              <Table.Td>{f.detail}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <SkillList label="Matched skills" skills={match.matchedSkills} color="green" />
      <SkillList label="Missing skills" skills={match.missingSkills} color="red" />
    </Stack>
  );
}

function SkillList({ label, skills, color }: { label: string; skills: string[]; color: string }) {
  return (
    <Group gap={4} aria-label={label} role="group">
      <Text size="sm" fw={500} mr={4}>
        {label}:
      </Text>
      {skills.length === 0 ? (
        <Text size="sm" c="dimmed">
          none
        </Text>
      ) : (
        skills.map((skill) => (
          <Badge key={skill} size="sm" variant="light" color={color} tt="none">
            {skill}
          </Badge>
        ))
      )}
    </Group>
  );
}
