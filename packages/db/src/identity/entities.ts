import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { baseProperties, versionProperty } from "../common";
import { USER_ROLES } from "../constants";

export const User = defineEntity({
  name: "User",
  tableName: "users",
  properties: {
    ...baseProperties,
    ...versionProperty,
    /** Stored lower-cased, so uniqueness is case-insensitive. */
    email: p.string().length(320).unique(),
    name: p.string().length(200),
    role: p.enum(USER_ROLES).nativeEnumName("user_role"),
    passwordHash: p.text().lazy().hidden(),
    disabledAt: p.datetime().nullable(),
    lastLoginAt: p.datetime().nullable(),
  },
});
export type IUser = InferEntity<typeof User>;

export const Session = defineEntity({
  name: "Session",
  tableName: "sessions",
  properties: {
    id: baseProperties.id,
    createdAt: baseProperties.createdAt,
    /** SHA-256 of the cookie token: a database leak yields no usable session. */
    tokenHash: p.string().length(64).unique(),
    user: () => p.manyToOne(User).deleteRule("cascade").index(),
    lastSeenAt: p.datetime(),
    expiresAt: p.datetime(),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(512).nullable(),
  },
});
export type ISession = InferEntity<typeof Session>;

export const ApiToken = defineEntity({
  name: "ApiToken",
  tableName: "api_tokens",
  properties: {
    ...baseProperties,
    name: p.string().length(100),
    /** The first characters of the token, shown in lists so a person can tell tokens apart. */
    prefix: p.string().length(16),
    tokenHash: p.string().length(64).unique(),
    user: () => p.manyToOne(User).deleteRule("cascade").index(),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});
export type IApiToken = InferEntity<typeof ApiToken>;

/**
 * Failed sign-in counters, one row per throttled key (`account:<email>` or
 * `address:<ip>`), kept in Postgres so limits hold across restarts and processes.
 */
export const LoginThrottle = defineEntity({
  name: "LoginThrottle",
  tableName: "login_throttles",
  properties: {
    key: p.string().length(400).primary(),
    failures: p.integer().default(0),
    windowStartedAt: p.datetime(),
    lockedUntil: p.datetime().nullable(),
  },
});
export type ILoginThrottle = InferEntity<typeof LoginThrottle>;

/** The identity module's tables, for the ORM's list in ../entities.ts. */
export const identityEntities = [User, Session, ApiToken, LoginThrottle];
