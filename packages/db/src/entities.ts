import { admissionsEntities } from "./admissions/entities";
import { auditEntities } from "./audit/entities";
import { candidatesEntities } from "./candidates/entities";
import { conversationsEntities } from "./conversations/entities";
import { identityEntities } from "./identity/entities";
import { intakeEntities } from "./intake/entities";
import { interviewsEntities } from "./interviews/entities";
import { jobsEntities } from "./jobs/entities";
import { notesEntities } from "./notes/entities";
import { mailEntities } from "./mail/entities";
import { privacyEntities } from "./privacy/entities";
import { vettingEntities } from "./vetting/entities";

/** Every entity the ORM knows: one line per module (see docs/modules.md). */
export const entities = [
  ...identityEntities,
  ...candidatesEntities,
  ...jobsEntities,
  ...notesEntities,
  ...vettingEntities,
  ...mailEntities,
  ...privacyEntities,
  ...auditEntities,
  ...conversationsEntities,
  ...intakeEntities,
  ...interviewsEntities,
  ...admissionsEntities,
];
