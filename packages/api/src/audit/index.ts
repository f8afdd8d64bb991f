/** audit: the trail of every change (list, verify, signed checkpoints). The only entry point for other modules. */
import type { PersonalDataHolder } from "../personal-data";
import { eventsAboutSubject } from "./events.service";
import { fileRoutes } from "./files";
import { routes } from "./router";

/** The trail is immutable: erasure destroys the subject's data key (candidates does), which erases their sealed fields here. */
const auditPersonalData: PersonalDataHolder = {
  export: async (ctx, subjectId) => ({ auditEvents: await eventsAboutSubject(ctx, subjectId) }),
  erase: async () => {},
};

export const auditModule = { name: "audit", routes, fileRoutes, personalData: auditPersonalData } as const;

export { checkpointsFolder, saveCheckpoint, signCheckpoint, verifyAuditChain } from "./chain.service";
export { eventsAboutSubject, listEvents } from "./events.service";
export { ERASED, type AuditEventDTO } from "./mappers";
