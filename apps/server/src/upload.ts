import { randomUUID } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { uploadRefusals, type UploadedFile, type UploadRule } from "@shortlist/api";
import busboy from "busboy";
import type { Request } from "express";

/** Leading bytes of the types we can recognise; any other type is judged by its declared type alone. */
const SIGNATURES: Record<string, readonly number[][]> = {
  "application/pdf": [[0x25, 0x50, 0x44, 0x46, 0x2d]],
  "image/png": [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  "image/jpeg": [[0xff, 0xd8, 0xff]],
  "image/gif": [
    [0x47, 0x49, 0x46, 0x38, 0x37, 0x61],
    [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
  ],
};
const SNIFF_BYTES = 8;
/** What multipart framing may add to a file's bytes. */
export const MULTIPART_MARGIN = 64 * 1024;

const startsWith = (head: Buffer, signature: readonly number[]) => signature.every((byte, i) => head[i] === byte);

/**
 * Streams the one file of a multipart request to a temporary file, checking the rule as it goes: the
 * field, the declared type (before a byte is stored), the first bytes where the type has a known
 * signature, and the size (refused the moment it is passed). On any refusal the partial file is removed
 * and the error thrown; on success the caller removes the file once the handler is done with it.
 */
export function receiveUpload(
  req: Request,
  rule: UploadRule,
  { dir, timeoutMs }: { dir: string; timeoutMs: number },
): Promise<UploadedFile> {
  const declared = Number(req.headers["content-length"] ?? 0);
  // Multipart framing adds little; a body declared far past the limit is refused before a byte is read.
  if (declared > rule.maxBytes + MULTIPART_MARGIN) return Promise.reject(uploadRefusals.tooLarge(rule.maxBytes));
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // One byte over the limit is what tells a file of exactly the limit from a larger one.
      limits: { files: 1, fileSize: rule.maxBytes + 1, fields: 0, parts: 2 },
    });
  } catch {
    return Promise.reject(uploadRefusals.notMultipart(rule.field));
  }

  return new Promise<UploadedFile>((resolve, reject) => {
    const path = join(dir, `${randomUUID()}.part`);
    let received: UploadedFile | null = null;
    let writing: Promise<void> | null = null;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.unpipe(parser);
      req.pause();
      void (writing ?? Promise.resolve())
        .catch(() => {})
        .finally(() => rm(path, { force: true }).finally(() => reject(error)));
    };
    const timer = setTimeout(() => fail(uploadRefusals.timeout(timeoutMs)), timeoutMs);

    parser.on("file", (name, stream, info) => {
      if (name !== rule.field) {
        stream.resume();
        return fail(uploadRefusals.unexpected(name, rule.field));
      }
      const type = info.mimeType.toLowerCase();
      if (!rule.types.includes(type)) {
        stream.resume();
        return fail(uploadRefusals.wrongType(rule.field, type, rule.types));
      }
      const signatures = SIGNATURES[type];
      let out: WriteStream | null = null;
      let head = Buffer.alloc(0);
      let size = 0;
      const open = () => {
        out = createWriteStream(path, { mode: 0o600 });
        writing = new Promise((done, broke) => out!.on("close", done).on("error", broke));
        return out;
      };
      const stop = (error: Error) => {
        out?.destroy();
        stream.resume();
        fail(error);
      };
      // The first bytes are held until they show the content is what its type says; only then is a file made.
      // Until the end, a head shorter than a signature need only match as far as it goes.
      const matches = (final: boolean) =>
        !signatures ||
        signatures.some((s) =>
          final ? head.length >= s.length && startsWith(head, s) : startsWith(head, s.slice(0, head.length)),
        );
      stream.on("data", (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        if (size > rule.maxBytes) return stop(uploadRefusals.tooLarge(rule.maxBytes));
        if (out) {
          out.write(chunk);
          return;
        }
        head = Buffer.concat([head, chunk]);
        if (!matches(false)) return stop(uploadRefusals.notWhatItSays(rule.field, type));
        if (!signatures || head.length >= SNIFF_BYTES) open().write(head);
      });
      stream.on("limit", () => stop(uploadRefusals.tooLarge(rule.maxBytes)));
      stream.on("end", () => {
        if (settled) return;
        if (!out) {
          if (!matches(true)) return stop(uploadRefusals.notWhatItSays(rule.field, type));
          open().write(head);
        }
        out!.end();
        received = { path, fileName: info.filename ?? rule.field, type, size };
      });
    });
    parser.on("field", (name) => fail(uploadRefusals.unexpected(name, rule.field)));
    parser.on("partsLimit", () => fail(uploadRefusals.malformed("send one file and nothing else")));
    parser.on("filesLimit", () => fail(uploadRefusals.malformed("send one file and nothing else")));
    parser.on("fieldsLimit", () => fail(uploadRefusals.malformed("send one file and nothing else")));
    parser.on("error", (error: Error) => fail(uploadRefusals.malformed(error.message)));
    parser.on("close", () => {
      if (settled) return;
      if (!received) return fail(uploadRefusals.missing(rule.field));
      const file = received;
      void writing!.then(
        () => {
          settled = true;
          clearTimeout(timer);
          resolve(file);
        },
        (error: Error) => fail(error),
      );
    });
    req.on("aborted", () => fail(uploadRefusals.malformed("the client went away")));
    req.pipe(parser);
  });
}

/**
 * Reads and throws away what is left of a refused upload's body, so that a client still sending it gets
 * to read the answer: closing on it mid-send makes most clients report a broken connection instead.
 * Gives up (false) on a body declared or found longer than `maxBytes`, on one slower than `timeoutMs`,
 * or on a client that goes away; the caller then closes the connection.
 */
export function discardBody(req: Request, { maxBytes, timeoutMs }: { maxBytes: number; timeoutMs: number }) {
  if (req.complete) return Promise.resolve(true);
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    let seen = 0;
    const finish = (drained: boolean) => {
      clearTimeout(timer);
      req.off("data", onData).off("end", onEnd).off("close", onClose).off("error", onClose);
      if (!drained) req.pause();
      resolve(drained);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onClose = () => finish(req.complete);
    const timer = setTimeout(() => finish(false), timeoutMs);
    req.on("data", onData).once("end", onEnd).once("close", onClose).once("error", onClose);
    req.resume();
  });
}
