import type { SpaModule } from "../lib/module";
import { adminModule } from "../admin";
import { admissionsModule } from "../admissions";
import { auditModule } from "../audit";
import { candidatesModule } from "../candidates";
import { conversationsModule } from "../conversations";
import { homeModule } from "../home";
import { intakeModule } from "../intake";
import { interviewsModule } from "../interviews";
import { jobSettingsModule, jobsModule } from "../jobs";
import { mailModule } from "../mail";
import { vettingModule } from "../vetting";

/** The SPA's modules, in navigation order: routes and navigation are derived from this list. */
export const modules: readonly SpaModule[] = [
  homeModule,
  jobsModule,
  candidatesModule,
  vettingModule,
  mailModule,
  intakeModule,
  interviewsModule,
  admissionsModule,
  conversationsModule,
  adminModule,
  jobSettingsModule,
  auditModule,
];
