/** notes: notes about candidates with @mentions, users' notifications, and a candidate's timeline. The only entry point for other modules. */
import { notesPersonalData } from "./personal-data.service";
import { routes } from "./router";

export const notesModule = { name: "notes", routes, personalData: notesPersonalData } as const;

export { notifyMentioned } from "./notifications.service";
export type { NoteDTO, NoteVersionDTO, NotificationDTO, TimelineItemDTO } from "./mappers";
