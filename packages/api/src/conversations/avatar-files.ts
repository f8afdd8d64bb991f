/** Where personas' avatar images live: `<dataDir>/avatars/<personaId>-<random>.<ext>`. */
import { copyFile, open, rename, rm, stat } from "node:fs/promises";
import { basename, relative, resolve } from "node:path";
import type { Config } from "@shortlist/config";
import { NotFound } from "../errors";
import { uploadRefusals, type UploadedFile } from "../files";
import { AVATAR_UPLOAD } from "./schemas";

type DataDir = Pick<Config, "dataDir">;

export const EXTENSION_OF: Record<(typeof AVATAR_UPLOAD.types)[number], string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
};
export const TYPE_OF: Record<string, string> = { png: "image/png", jpg: "image/jpeg", webp: "image/webp" };

export const avatarsFolder = (config: DataDir) => resolve(config.dataDir, "avatars");

/** The avatar's absolute path, refusing any name that would leave the avatars folder. */
export function avatarPath(config: DataDir, fileName: string): string {
  const folder = avatarsFolder(config);
  const file = resolve(folder, basename(fileName));
  if (relative(folder, file).startsWith("..")) throw new Error(`Avatar ${fileName} is outside the avatars folder`);
  return file;
}

export async function removeAvatarFile(config: DataDir, fileName: string): Promise<void> {
  await rm(avatarPath(config, fileName), { force: true });
}

/** The server checks PNG and JPEG by their first bytes; WebP it knows by its declared type only, so it is checked here. */
export async function assertWebp(file: UploadedFile) {
  const handle = await open(file.path, "r");
  try {
    const head = Buffer.alloc(12);
    const { bytesRead } = await handle.read(head, 0, 12, 0);
    const riff = head.subarray(0, 4).toString("latin1") === "RIFF";
    if (bytesRead < 12 || !riff || head.subarray(8, 12).toString("latin1") !== "WEBP")
      throw uploadRefusals.notWhatItSays(AVATAR_UPLOAD.field, file.type);
  } finally {
    await handle.close();
  }
}

/** Moves the upload into the avatars folder (a copy when the temporary folder is on another file system). */
export async function keepUpload(file: UploadedFile, target: string) {
  try {
    await rename(file.path, target);
  } catch {
    await copyFile(file.path, target);
  }
}

/** The stored image's path, or NotFound when the persona has none or its file is gone. */
export async function existingAvatar(config: DataDir, personaId: string, fileName: string | null) {
  if (!fileName) throw new NotFound("avatar", personaId);
  const path = avatarPath(config, fileName);
  const found = await stat(path).catch(() => null);
  if (!found?.isFile()) throw new NotFound("avatar", personaId);
  const extension = fileName.slice(fileName.lastIndexOf(".") + 1);
  return { path, type: TYPE_OF[extension] ?? "application/octet-stream" };
}
