import { idInput } from "../shared/ids";
import { procedureFor, ROLES, router } from "../trpc";
import { getIntake, getProfile, listIntakes, startIntake, updateProfile } from "./intake.service";
import { vacancyReport } from "./reports.service";
import { intakeListInput, intakeJobInput, startIntakeInput, updateProfileInput } from "./schemas";

const intake = router({
  list: procedureFor(ROLES.writers)
    .input(intakeListInput)
    .query(({ ctx, input }) => listIntakes(ctx, input.limit)),
  get: procedureFor(ROLES.writers)
    .input(idInput)
    .query(({ ctx, input }) => getIntake(ctx, input.id)),
  /** Opens a draft job (or takes `jobId`) and starts the intake chat; send answers with conversations.send. */
  start: procedureFor(ROLES.writers)
    .input(startIntakeInput)
    .mutation(({ ctx, input }) => startIntake(ctx, input)),
  profile: procedureFor(ROLES.writers)
    .input(intakeJobInput)
    .query(({ ctx, input }) => getProfile(ctx, input.jobId)),
  updateProfile: procedureFor(ROLES.writers)
    .input(updateProfileInput)
    .mutation(({ ctx, input }) => updateProfile(ctx, input)),
  /** The vacancy report for the profile as it is now: cached against the profile's version. */
  report: procedureFor(ROLES.writers)
    .meta({ audit: { skip: "caches a report derived from the profile; changes no one's data" } })
    .input(intakeJobInput)
    .mutation(({ ctx, input }) => vacancyReport(ctx, input.jobId)),
});

export const routes = { intake };
