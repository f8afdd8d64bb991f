/** The error mapping's texts: what a caller reads when the database refuses a value. */
import { DriverException } from "@mikro-orm/core";
import { expect, test } from "vitest";
import { toTRPCError } from "../src/errors";

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
