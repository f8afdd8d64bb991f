/** The one list of API modules: adding a module is one line here (see docs/modules.md). */
import { admissionsModule } from "./admissions";
import { auditModule } from "./audit";
import { candidatesModule } from "./candidates";
import { conversationsModule } from "./conversations";
import type { FileRoute } from "./files";
import { identityModule } from "./identity";
import { intakeModule } from "./intake";
import { interviewsModule } from "./interviews";
import { mailModule } from "./mail";
import { jobsModule } from "./jobs";
import { notesModule } from "./notes";
import { registerPersonalDataHolders, type PersonalDataHolder } from "./personal-data";
import { vettingModule } from "./vetting";

export const modules = [
  identityModule,
  candidatesModule,
  jobsModule,
  vettingModule,
  notesModule,
  mailModule,
  auditModule,
  conversationsModule,
  intakeModule,
  interviewsModule,
  admissionsModule,
] as const;

/** Every module's file routes (downloads, uploads): the server mounts them and the access test walks them. */
export const fileRoutes: readonly FileRoute[] = modules.flatMap((module) =>
  "fileRoutes" in module ? (module.fileRoutes as readonly FileRoute[]) : [],
);

/** Every module holding personal data about a data subject declares `personalData` in its port (personal-data.ts). */
registerPersonalDataHolders(
  modules.flatMap((module) =>
    "personalData" in module ? [{ module: module.name, holder: module.personalData as PersonalDataHolder }] : [],
  ),
);
