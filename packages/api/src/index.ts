export { appRouter, type AppRouter } from "./router";
export { fileRoutes, modules } from "./modules";
export { createCallerFactory, type Access, type Meta, type FieldError } from "./trpc";
export { createHttpContextFactory, createRequestContext } from "./http-context";
export type { AuthState, AuthUser, ContextDeps, CookieWriter, RequestContext } from "./context";
export { DomainError, isDatabaseUnavailable } from "./errors";
export { errorEnvelope, type Refusal } from "./error-envelope";
export { authorize } from "./trpc";
export {
  defineFileRoute,
  fileRouteFailure,
  uploadRefusals,
  type FileResult,
  type FileRoute,
  type FileRouteContext,
  type UploadedFile,
  type UploadRule,
} from "./files";
export {
  identityModule,
  ensureBootstrapAdmin,
  hashPassword,
  resolveAuth,
  SESSION_COOKIE,
  deleteExpiredAuthRows,
  type ApiTokenDTO,
  type CleanupCounts,
  type UserDTO,
} from "./identity";
export {
  auditModule,
  checkpointsFolder,
  saveCheckpoint,
  signCheckpoint,
  verifyAuditChain,
  type AuditEventDTO,
} from "./audit";
export { auditEnforcement, type AuditActor, type AuditRecord, type AuditRecorder } from "./audit-trail";
export {
  candidatesModule,
  type CandidateDetailDTO,
  type CandidateDTO,
  type CandidateListItemDTO,
  type ImportRowResult,
  type PersonalDataExport,
} from "./candidates";
export {
  jobsModule,
  type ApplicationDTO,
  type ApplicationListItem,
  type BoardCard,
  type BoardDTO,
  type BulkResult,
  type JobDetailDTO,
  type JobDTO,
  type RejectionReasonDTO,
  type StageDTO,
} from "./jobs";
export { notesModule, type NoteDTO, type NoteVersionDTO, type NotificationDTO, type TimelineItemDTO } from "./notes";
export {
  mailModule,
  enqueueMail,
  createMailWorker,
  startMailWorker,
  type EnqueueMailInput,
  type MailMessageDTO,
  type MailTemplateDTO,
  type MailWorker,
  type MailWorkerOptions,
} from "./mail";
export {
  vettingModule,
  DEMO_COMPANY,
  DEMO_ROLE,
  seedDemo,
  type ActivityQuestionDTO,
  type ActivitySessionDTO,
  type AssessmentDTO,
  type AssessmentMetricsDTO,
  type BenchmarkDTO,
  type ImportActivityResult,
  type ReportDTO,
} from "./vetting";
export {
  conversationsModule,
  recoverConversations,
  stopConversations,
  type ChatMessageDTO,
  type ConversationDTO,
  type ConversationEvent,
  type ConversationStateDTO,
  type ConversationView,
} from "./conversations";
export { interviewsModule, settleJudges, stopJudges } from "./interviews";
export type * from "./interviews";
export { admissionsModule, settlePreprocessing, stopPreprocessing } from "./admissions";
export type * from "./admissions";
