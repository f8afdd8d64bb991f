import { Candidate } from "./candidates/entities";
import { ApiToken, LoginThrottle, Session, User } from "./identity/entities";
import { Assessment, AssessmentQuestion, AssessmentSession, Benchmark, Report } from "./vetting/entities";

/** Every entity the ORM knows; each module adds its own here. */
export const entities = [
  User,
  Session,
  ApiToken,
  LoginThrottle,
  Candidate,
  Assessment,
  AssessmentSession,
  AssessmentQuestion,
  Benchmark,
  Report,
];
