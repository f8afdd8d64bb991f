/**
 * conversations' file routes: a persona's avatar, uploaded by admins (PNG, JPEG or WebP up to 512 KB) into
 * `<dataDir>/avatars/<personaId>-<random>.<ext>` (a new name per upload, the old file removed), served to writers.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import { LockMode } from "@mikro-orm/core";
import { Persona } from "@shortlist/db";
import { z } from "zod";
import { chainCommitted, writeAudit } from "../audit-trail";
import { NotFound } from "../errors";
import { defineFileRoute, uploadRefusals } from "../files";
import { idInput, uuid } from "../shared/ids";
import { ROLES } from "../trpc";
import {
  assertWebp,
  avatarPath,
  avatarsFolder,
  existingAvatar,
  EXTENSION_OF,
  keepUpload,
  removeAvatarFile,
} from "./avatar-files";
import { personaDTO } from "./personas.service";
import { AVATAR_UPLOAD, personaAvatarPath } from "./schemas";

/** POST /api/personas/:id/avatar: replaces the persona's avatar; answers the persona. */
export const personaAvatarUploadRoute = defineFileRoute({
  path: personaAvatarPath,
  access: ROLES.admin,
  input: idInput,
  upload: AVATAR_UPLOAD,
  handler: async ({ ctx, input, file }) => {
    if (!file) throw uploadRefusals.missing(AVATAR_UPLOAD.field);
    const extension = EXTENSION_OF[file.type as keyof typeof EXTENSION_OF];
    if (!extension) throw uploadRefusals.wrongType(AVATAR_UPLOAD.field, file.type, AVATAR_UPLOAD.types);
    if (extension === "webp") await assertWebp(file);
    await mkdir(avatarsFolder(ctx.config), { recursive: true, mode: 0o700 });
    const fileName = `${input.id}-${randomBytes(8).toString("hex")}.${extension}`;
    const target = avatarPath(ctx.config, fileName);
    await keepUpload(file, target);

    // Its own transaction rather than the route's: file routes have no audit buffer, and the event must be
    // chained after the commit (as a procedure's are), which only the one who commits can do.
    let previous: string | null = null;
    let appended: Awaited<ReturnType<typeof writeAudit>> = new Map();
    let persona;
    try {
      persona = await ctx.orm.em.fork().transactional(async (em) => {
        const row = await em.findOne(Persona, { id: input.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!row) throw new NotFound("persona", input.id);
        previous = row.avatarFile ?? null;
        row.avatarFile = fileName;
        await em.flush();
        if (!ctx.auditOff) {
          appended = await writeAudit(ctx, em, "personas.avatar", [
            {
              entity: { kind: "persona", id: row.id },
              before: { avatar: previous },
              after: { avatar: fileName, type: file.type, size: file.size },
            },
          ]);
        }
        return personaDTO(em, row);
      });
    } catch (error) {
      await rm(target, { force: true });
      throw error;
    }
    if (appended.size > 0) {
      await chainCommitted(ctx.orm, appended).catch((error: unknown) =>
        ctx.log.warn({ err: error, requestId: ctx.requestId }, "audit events committed, chaining them failed"),
      );
    }
    if (previous) await removeAvatarFile(ctx.config, previous).catch(() => undefined);
    return { kind: "json", body: persona };
  },
});

/** GET /api/personas/:id/avatar: the image, for writers (`v`, the file's name, only makes the URL change with it). */
export const personaAvatarRoute = defineFileRoute({
  path: personaAvatarPath,
  access: ROLES.writers,
  input: z.strictObject({ id: uuid, v: z.string().max(200).optional() }),
  handler: async ({ ctx, input }) => {
    const rows = await ctx.em.execute<{ avatar_file: string | null }[]>(
      "select avatar_file from personas where id = ?",
      [input.id],
    );
    if (rows.length === 0) throw new NotFound("persona", input.id);
    const fileName = rows[0]!.avatar_file;
    const { path, type } = await existingAvatar(ctx.config, input.id, fileName);
    return { kind: "file", path, fileName: fileName!, type };
  },
});

export const fileRoutes = [personaAvatarUploadRoute, personaAvatarRoute];
