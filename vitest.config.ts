import { defineConfig } from "vitest/config";

const ignored = ["**/node_modules/**", "**/dist/**"];
const globalSetup = ["./test/global-setup.ts"];

export default defineConfig({
  test: {
    // Database tests spend most of their time waiting on PostgreSQL: two files at once even on two cores (vitest's
    // default there is one). The e2e project stays one file at a time.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: "unit",
          include: ["**/*.unit.test.ts"],
          exclude: ignored,
        },
      },
      {
        test: {
          name: "integration",
          include: ["packages/**/test/**/*.test.ts", "apps/server/test/**/*.test.ts"],
          exclude: [...ignored, "**/*.unit.test.ts", "**/*.e2e.test.ts"],
          globalSetup,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["**/*.e2e.test.ts"],
          exclude: ignored,
          globalSetup,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A browser page settles in its own time (a server restart, a reload): poll generously.
          expect: { poll: { timeout: 20_000, interval: 100 } },
        },
      },
    ],
  },
});
