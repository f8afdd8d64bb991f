import { Badge, Button, Group, Text } from "@mantine/core";
import { IconArrowRight, IconPencil } from "@tabler/icons-react";
import { Fragment, useState } from "react";
import { count } from "../../lib/format";
import { Section } from "../../ui/Section";
import type { JobDetail } from "../types";
import { StageEditor } from "./StageEditor";

/** The job's pipeline in order with each stage's count; writers open the editor from here. */
export function StagesSection({ job, canWrite }: { job: JobDetail; canWrite: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <Section
      title="Stages"
      data-testid="stages"
      actions={
        canWrite && (
          <Button
            size="xs"
            variant={editing ? "filled" : "default"}
            leftSection={editing ? undefined : <IconPencil size={14} aria-hidden />}
            onClick={() => setEditing(!editing)}
          >
            {editing ? "Done" : "Edit stages"}
          </Button>
        )
      }
    >
      {editing ? (
        <StageEditor job={job} />
      ) : (
        <Group gap={6}>
          {job.stages.map((stage, i) => (
            <Fragment key={stage.id}>
              {i > 0 && <IconArrowRight size={14} color="var(--mantine-color-gray-5)" aria-hidden />}
              <Badge variant="light" color="gray" size="lg" tt="none">
                {stage.name}{" "}
                <Text span size="xs" fw={700}>
                  {count(stage.count)}
                </Text>
              </Badge>
            </Fragment>
          ))}
        </Group>
      )}
    </Section>
  );
}
