import type { IApiToken, IUser } from "@shortlist/db";

export interface UserDTO {
  id: string;
  email: string;
  name: string;
  role: IUser["role"];
  disabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const toUserDTO = (user: IUser): UserDTO => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  disabled: user.disabledAt != null,
  lastLoginAt: user.lastLoginAt ?? null,
  createdAt: user.createdAt,
  updatedAt: user.updatedAt,
  version: user.version,
});

export interface ApiTokenDTO {
  id: string;
  name: string;
  prefix: string;
  owner: { id: string; email: string };
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const toApiTokenDTO = (token: IApiToken): ApiTokenDTO => ({
  id: token.id,
  name: token.name,
  prefix: token.prefix,
  owner: { id: token.user.id, email: token.user.email },
  createdAt: token.createdAt,
  lastUsedAt: token.lastUsedAt ?? null,
  revokedAt: token.revokedAt ?? null,
});
