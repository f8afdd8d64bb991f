import { Anchor, Badge, Button, Group, List, SimpleGrid, Stack, Text } from "@mantine/core";
import type { CandidateCvDTO, CvAnalysisDTO, CvSkillDTO } from "@shortlist/api";
import { cvDownloadPath } from "@shortlist/api/schemas";
import { IconDownload, IconRefresh, IconSparkles } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import { formatDate, formatDateTime } from "../../lib/format";
import { CvText } from "./CvText";

const KB = 1024;
const NO_SPANS: [number, number][] = [];

const yearsLabel = (years: number | null) => (years === null ? "" : ` · ${years} y`);

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

function Education({ analysis }: { analysis: CvAnalysisDTO }) {
  if (analysis.education.length === 0) return <>None found</>;
  return (
    <List size="sm" spacing={2}>
      {analysis.education.map((e, i) => (
        <List.Item key={i}>
          {[[e.degree, e.field].filter(Boolean).join(" "), e.institution].filter(Boolean).join(", ")}
          {e.endYear ? ` (${e.startYear ? `${e.startYear}–` : ""}${e.endYear})` : ""}
        </List.Item>
      ))}
    </List>
  );
}

interface Props {
  cv: CandidateCvDTO & { document: NonNullable<CandidateCvDTO["document"]> };
  canWrite: boolean;
  analysing: "builtin" | "model" | null;
  onAnalyse: (analyser: "builtin" | "model") => void;
}

/** The stored CV and its analysis: facts, skills as buttons (one chosen: its evidence marked in the text). */
export function CvAnalysis({ cv, canWrite, analysing, onAnalyse }: Props) {
  const { document, analysis } = cv;
  const [chosen, setChosen] = useState<string | null>(null);
  const skill: CvSkillDTO | undefined = analysis?.skills.find((s) => s.skill === chosen);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2}>
          <Anchor href={cvDownloadPath.build({ id: document.id })} size="sm" fw={500}>
            <IconDownload size={14} aria-hidden /> {document.fileName}
          </Anchor>
          <Text size="xs" c="dimmed">
            {Math.max(1, Math.round(document.sizeBytes / KB))} KB, uploaded {formatDateTime(document.createdAt)}
            {document.uploadedBy ? ` by ${document.uploadedBy.name}` : ""}
          </Text>
        </Stack>
        {canWrite && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              leftSection={<IconRefresh size={14} aria-hidden />}
              loading={analysing === "builtin"}
              disabled={analysing !== null}
              onClick={() => onAnalyse("builtin")}
            >
              Re-analyse
            </Button>
            {cv.modelAnalyser && (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconSparkles size={14} aria-hidden />}
                loading={analysing === "model"}
                disabled={analysing !== null}
                onClick={() => onAnalyse("model")}
              >
                Re-analyse with {cv.modelAnalyser.replace(/^model:/, "")}
              </Button>
            )}
          </Group>
        )}
      </Group>

      {analysis ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Fact label="Seniority">{analysis.seniority ?? "Unknown"}</Fact>
            <Fact label="Experience">{analysis.totalYears === null ? "Unknown" : `${analysis.totalYears} years`}</Fact>
            <Fact label="Languages">{analysis.languages.length ? analysis.languages.join(", ") : "None found"}</Fact>
          </SimpleGrid>
          <Fact label="Education">
            <Education analysis={analysis} />
          </Fact>
          <div>
            <Text size="xs" c="dimmed" mb={4}>
              Skills ({analysis.skills.length}); choose one to see where the CV shows it
            </Text>
            <Group gap={6} role="group" aria-label="Skills found">
              {analysis.skills.map((s) => (
                <Badge
                  key={s.skill}
                  component="button"
                  type="button"
                  variant={s.skill === chosen ? "filled" : "light"}
                  color={s.category === "languages" ? "grape" : "blue"}
                  style={{ cursor: "pointer", textTransform: "none" }}
                  aria-pressed={s.skill === chosen}
                  onClick={() => setChosen(s.skill === chosen ? null : s.skill)}
                >
                  {s.skill}
                  {yearsLabel(s.years)}
                </Badge>
              ))}
            </Group>
          </div>
          <Text size="xs" c="dimmed">
            Analysed by {analysis.analyser} on {formatDate(analysis.createdAt)}
          </Text>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          Not analysed yet.
        </Text>
      )}
      <CvText text={document.text} spans={skill?.spans ?? NO_SPANS} />
    </Stack>
  );
}
