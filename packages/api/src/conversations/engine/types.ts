/**
 * The engine's extension point for personas whose behaviour Shortlist ships in code (the vacancy intake now,
 * the AI interviewer next): a driver runs first in the IMMEDIATE stage, inside the stage's transaction, and
 * says what the reply must do. Modules still run after it; their directives are merged after the driver's.
 */
import type { EntityManager, Keyring, PersonaMode } from "@shortlist/db";
import type { AuditRecorder } from "../../audit-trail";
import type { ConversationDTO, ReplyDirectivesDTO } from "../dto";

export interface DriverContext {
  em: EntityManager;
  audit: AuditRecorder;
  keyring: Keyring;
  conversation: ConversationDTO;
  /** The persona's own state (module null), as it was before this message. */
  state: Record<string, unknown>;
}

export interface DriverTurn {
  /** State updates of the persona's own state (module null); `undefined` deletes nothing, `null` stores null. */
  state?: Record<string, unknown>;
  directives: Partial<ReplyDirectivesDTO>;
  /** Shown in the message's trace. */
  note?: string;
}

export interface ConversationDriver {
  /** The opening turn when a conversation starts (before any user message); its `say`/`ask` become the first message. */
  start(ctx: DriverContext): Promise<DriverTurn>;
  /** Runs on each user message before the modules. */
  onMessage(ctx: DriverContext, message: string): Promise<DriverTurn>;
}

const drivers = new Map<PersonaMode, ConversationDriver>();

/** A module registers the driver of its persona mode once, from its port (intake: `registerDriver("intake", …)`). */
export function registerDriver(mode: PersonaMode, driver: ConversationDriver): void {
  drivers.set(mode, driver);
}

export function driverFor(mode: PersonaMode): ConversationDriver | null {
  return drivers.get(mode) ?? null;
}
