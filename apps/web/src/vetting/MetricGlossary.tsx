import { ActionIcon, Popover, ScrollArea, Stack, Text } from "@mantine/core";
import { METRIC_GLOSSARY } from "@shortlist/api/schemas";
import { IconHelpCircle } from "@tabler/icons-react";

/** A help button opening what each metric means: the same words as the PDF report's glossary. */
export function MetricGlossary() {
  return (
    <Popover width={420} position="bottom-end" shadow="md" withArrow trapFocus returnFocus>
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label="What the metrics mean"
          data-testid="metric-glossary-button"
        >
          <IconHelpCircle size={18} aria-hidden />
        </ActionIcon>
      </Popover.Target>
      {/* A dialog named by its button (Mantine's roles). */}
      <Popover.Dropdown data-testid="metric-glossary">
        <ScrollArea.Autosize mah={420} type="auto">
          <Stack gap={8} component="dl" m={0}>
            {METRIC_GLOSSARY.map(({ term, definition }) => (
              <div key={term}>
                <Text component="dt" size="sm" fw={600}>
                  {term}
                </Text>
                <Text component="dd" size="xs" m={0}>
                  {definition}
                </Text>
              </div>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
