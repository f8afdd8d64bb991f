import { beforeAll, describe, expect, test } from "vitest";
import { useTestApi, type Caller } from "./helpers";
import { applicantCaller, cycleWithApplicants } from "./admissions-support";

const api = useTestApi();
let admin: Caller;

beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
});

describe("smoke", () => {
  test("a cycle with applicants", async () => {
    const { cycle, applicants } = await cycleWithApplicants(api, admin);
    expect(cycle.counts.SUBMITTED).toBe(10);
    const status = await applicantCaller(api).applicants.status({
      applicationId: applicants[0]!.receipt.applicationId,
      receipt: applicants[0]!.receipt.receipt,
    });
    expect(status.stage).toBe("received");
    const frozen = await admin.admissions.freeze({ cycleId: cycle.id });
    expect(frozen.phase).toBe("FROZEN");
    const list = await admin.admissions.cycles.list({ limit: 1 });
    expect(list.items).toHaveLength(1);
  });
});
