import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  authorize,
  createHttpContextFactory,
  DomainError,
  fileRouteFailure,
  type ContextDeps,
  type FileResult,
  type FileRoute,
  type UploadedFile,
} from "@shortlist/api";
import express, { type Response, type Router } from "express";
import { discardBody, MULTIPART_MARGIN, receiveUpload } from "./upload";

/**
 * Mounts file routes (downloads and uploads) in the order procedures run: the role check (the same
 * auth and rules: UNAUTHORIZED / FORBIDDEN), then the input (path parameters and query) validated, then
 * an upload received within its limits, then an EntityManager fork (a transaction for uploads), the
 * handler, and any failure answered in the one error shape.
 */
export function fileRoutesRouter(deps: ContextDeps, routes: readonly FileRoute[]): Router {
  const router = express.Router();
  const contextFor = createHttpContextFactory(deps);
  const uploadDir = join(deps.config.dataDir, "tmp", "uploads");

  for (const route of routes) {
    const method = route.method.toLowerCase() as "get" | "post" | "put";
    router[method](route.path.pattern, async (req, res) => {
      const ctx = contextFor({ req, res });
      let file: UploadedFile | null = null;
      let result: FileResult;
      try {
        const auth = route.access === "public" ? null : await authorize(ctx, route.access);
        const input = await route.input.parseAsync({ ...req.query, ...req.params });
        if (route.upload) {
          await mkdir(uploadDir, { recursive: true, mode: 0o700 });
          file = await receiveUpload(req, route.upload, { dir: uploadDir, timeoutMs: deps.config.bodyTimeoutMs });
        }
        const em = deps.orm.em.fork();
        const run = (tx: typeof em) => route.handler({ ctx: { ...ctx, em: tx, auth }, input, file });
        result = route.method === "GET" ? await run(em) : await em.transactional(run);
      } catch (error) {
        const failure = fileRouteFailure(error, { requestId: ctx.requestId, path: route.path.pattern });
        if (failure.logged) ctx.log.error({ err: error, requestId: ctx.requestId }, "file route failed");
        // An upload refused part-way: the rest of a body within the limits is read and dropped so that its
        // client reads the answer; a longer or slower one is answered and its connection closed.
        if (route.upload && !req.complete) {
          const drained =
            !(error instanceof DomainError && error.code === "TIMEOUT") &&
            (await discardBody(req, {
              maxBytes: route.upload.maxBytes + MULTIPART_MARGIN,
              timeoutMs: deps.config.bodyTimeoutMs,
            }));
          if (!drained) {
            res.set("Connection", "close");
            res.on("finish", () => req.socket.destroy());
          }
        }
        res.status(failure.status).json(failure.body);
        return;
      } finally {
        // Removed before the answer: the handler has moved whatever it keeps.
        if (file) await rm(file.path, { force: true });
      }
      await send(res, result).catch((error: unknown) => {
        ctx.log.error({ err: error, requestId: ctx.requestId }, "file route failed while answering");
        res.destroy();
      });
    });
  }
  return router;
}

function send(res: Response, result: FileResult): Promise<void> {
  if (result.kind === "json") {
    res.status(result.status ?? 200).json(result.body);
    return Promise.resolve();
  }
  res.set("Cache-Control", "private, no-store");
  if (result.headers) res.set(result.headers);
  res.attachment(result.fileName);
  res.type(result.type);
  // Backpressure: the next chunk is produced only once the socket took the last one.
  if (result.kind === "stream") return pipeline(Readable.from(result.body()), res);
  if (result.kind === "bytes") {
    res.send(Buffer.from(result.body));
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => res.sendFile(result.path, (error) => (error ? reject(error) : resolve())));
}
