/** The error mapping's texts: what a caller reads when the database refuses a value. */
import { DriverException, OptimisticLockError, UniqueConstraintViolationException } from "@mikro-orm/core";
import { expect, test } from "vitest";
import { reasonOfCode, toTRPCError, uniqueViolationFields } from "../src/errors";

const driverError = (message: string, code: string) => new DriverException(Object.assign(new Error(message), { code }));

test("a driver message without the SQL prefix is quoted whole (it lost its first two characters)", () => {
  const error = toTRPCError(driverError("invalid message format", "08P01"));
  expect(error.code).toBe("BAD_REQUEST");
  expect(error.message).toBe("The database refused a value: invalid message format");
});

test("a driver message after MikroORM's SQL prefix is quoted without the SQL", () => {
  const error = toTRPCError(
    driverError(
      'insert into "candidate" ("name") values (\'x\') - value too long for type character varying(255)',
      "22001",
    ),
  );
  expect(error.message).toBe("The database refused a value: value too long for type character varying(255)");
});

test("a unique violation is a duplicate naming its fields from PostgreSQL's key detail", () => {
  const violation = new UniqueConstraintViolationException(
    Object.assign(new Error("duplicate key value violates unique constraint"), {
      code: "23505",
      constraint: "candidates_company_email_unique",
      detail: "Key (lower(company::text), lower(email::text))=(acme, ada@example.com) already exists.",
    }),
  );
  const mapped = toTRPCError(violation);
  expect(mapped.code).toBe("CONFLICT");
  expect(mapped.cause).toMatchObject({
    reason: "duplicate",
    details: { fields: ["company", "email"], constraint: "candidates_company_email_unique" },
  });
  expect(uniqueViolationFields("Key (api_token_hash)=(x) already exists.")).toEqual(["apiTokenHash"]);
  expect(uniqueViolationFields(undefined)).toEqual([]);
});

test("an optimistic lock failure is stale_version; tRPC codes without a domain error get their reason", () => {
  expect(toTRPCError(OptimisticLockError.lockFailed("Candidate")).cause).toMatchObject({
    reason: "stale_version",
  });
  expect(reasonOfCode("CONFLICT")).toBe("duplicate");
  expect(reasonOfCode("TOO_MANY_REQUESTS")).toBe("too_many_attempts");
  expect(reasonOfCode("PAYLOAD_TOO_LARGE")).toBe("payload_too_large");
  expect(reasonOfCode("INTERNAL_SERVER_ERROR")).toBe("internal");
});
