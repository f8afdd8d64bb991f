/** audit's file routes: the checkpoint signing key's public half, for anyone verifying a checkpoint. */
import { z } from "zod";
import { defineFileRoute } from "../files";
import { auditPublicKeyPath } from "./schemas";

export const publicKeyRoute = defineFileRoute({
  path: auditPublicKeyPath,
  access: "public",
  input: z.strictObject({}),
  handler: async ({ ctx }) => ({
    kind: "bytes",
    body: Buffer.from(ctx.keyring.publicKeyPem(), "utf8"),
    fileName: "shortlist-audit-public-key.pem",
    type: "application/x-pem-file",
  }),
});

export const fileRoutes = [publicKeyRoute];
