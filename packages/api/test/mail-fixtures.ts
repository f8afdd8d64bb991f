/**
 * Mail tests' helpers: a real SMTP server on 127.0.0.1 (smtp-server) that keeps what arrives (parsed with
 * mailparser) and can refuse or drop, and a unit of work for calling the outbox's port as a procedure would.
 */
import { randomUUID } from "node:crypto";
import type { Server, Socket } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { Config } from "@shortlist/config";
import type { ContextDeps } from "@shortlist/api";
import { AuditBuffer, chainCommitted, writeAudit } from "../src/audit-trail";
import type { ProcedureContext } from "../src/context";

export interface SmtpSinkOptions {
  /** Refuse every recipient with this SMTP reply (e.g. 550). */
  rejectRcpt?: { code: number; message: string };
  /** Read the whole message, then drop the connection without a reply (the client cannot know if it arrived). */
  dropAfterData?: boolean;
}

export interface SmtpSink {
  port: number;
  received: ParsedMail[];
  /** Every envelope recipient, one entry per message that arrived. */
  recipients: string[][];
  close(): Promise<void>;
}

export async function startSmtpSink(port: number, options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const received: ParsedMail[] = [];
  const sockets = new Set<Socket>();
  const recipients: string[][] = [];
  const server = new SMTPServer({
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.rejectRcpt) {
        const error = Object.assign(new Error(`${options.rejectRcpt.message} <${address.address}>`), {
          responseCode: options.rejectRcpt.code,
        });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (options.dropAfterData) {
          for (const socket of sockets) socket.destroy();
          return;
        }
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          received.push(mail);
          recipients.push(session.envelope.rcptTo.map((r) => r.address));
          callback(null, `Ok: queued as ${randomUUID()}`);
        }, callback);
      });
    },
  });
  // The session does not carry its socket: keep every connection's, to drop it (or end it at close).
  (server as unknown as { server: Server }).server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port,
    received,
    recipients,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** Runs `work` as a mutation's handler would: one transaction, its audit events written before the commit. */
export async function inUnitOfWork<T>(
  deps: ContextDeps,
  config: Config,
  work: (ctx: Pick<ProcedureContext, "em" | "audit" | "keyring" | "config">) => Promise<T>,
): Promise<T> {
  const audit = new AuditBuffer();
  const result = await deps.orm.em.fork().transactional(async (em) => {
    const result = await work({ em, audit, keyring: deps.keyring, config });
    await writeAudit(
      { getAuth: async () => null, keyring: deps.keyring, requestId: randomUUID(), ip: null },
      em,
      "test.unitOfWork",
      audit.records,
    );
    return result;
  });
  await chainCommitted(deps.orm);
  return result;
}
