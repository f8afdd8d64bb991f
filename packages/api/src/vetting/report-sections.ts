/**
 * The seam through which other modules add sections to a hiring report without vetting knowing them: a module
 * registers a source at load (interviews: "Interview"); generating a report asks every source for its section of
 * the application and keeps what they answer with the report (JSON and PDF).
 */
import type { EntityManager, ReportSection } from "@shortlist/db";

export interface ReportSectionScope {
  applicationId: string;
  candidateId: string;
}

export interface ReportSectionSource {
  /** Unique per source; the section's `key`. */
  key: string;
  /** Where it goes among the sections (lower first). */
  order: number;
  /** The section for this application, or null when it has nothing to say (in the report's transaction). */
  load(em: EntityManager, scope: ReportSectionScope): Promise<ReportSection | null>;
}

const sources = new Map<string, ReportSectionSource>();

/** Registers (or replaces, by key) a source of report sections. */
export function registerReportSection(source: ReportSectionSource): void {
  sources.set(source.key, source);
}

export async function loadReportSections(em: EntityManager, scope: ReportSectionScope): Promise<ReportSection[]> {
  const ordered = [...sources.values()].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
  const sections: ReportSection[] = [];
  for (const source of ordered) {
    const section = await source.load(em, scope);
    if (section) sections.push({ ...section, key: source.key });
  }
  return sections;
}
