import { candidatesRouter } from "./candidates/router";
import { apiTokensRouter } from "./identity/api-tokens.router";
import { authRouter } from "./identity/auth.router";
import { usersRouter } from "./identity/users.router";
import { router } from "./trpc";
import { assessmentsRouter, benchmarksRouter, reportsRouter } from "./vetting/router";

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  apiTokens: apiTokensRouter,
  candidates: candidatesRouter,
  assessments: assessmentsRouter,
  benchmarks: benchmarksRouter,
  reports: reportsRouter,
});

export type AppRouter = typeof appRouter;
