import { defineConfig } from "vitest/config";

// Projects: `unit` (the core, both doors in-process, the emulator: no CLI, no build), `e2e` (the
// real engine, after globalSetup installs the CLI and builds the package and plugin), `live` (the
// engine against a real account; skipped without COMM100_LIVE_BASE_URL): these three are
// `npm test`. Run on their own: `release` (what `npm run release` wrote, installed as users
// install it: `npm run test:release`) and `compat` (both doors on the newest Node.js,
// @pulumi/pulumi and CLI: `npm run test:compat`).
export default defineConfig({
  test: {
    setupFiles: ["test/support/setup.ts"],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // One file per core: the end-to-end tests keep the CPU busy (a `pulumi` command uses more
    // CPU than wall time), and a third worker only adds contention (measured: 7 min 6 s against
    // 8 min for the whole `npm test` here). One number for every project, so they run together.
    maxWorkers: 2,
    // Threads start faster than processes; no test needs a process of its own (its `pulumi`
    // commands see the environment of its thread).
    pool: "threads",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/{unit,provider,emulator,plugin}/**/*.test.ts"],
          // Files of a worker share their modules: each gives every test its own set-up, and
          // loading the provider, fastify and the SDK once per file cost more than the tests.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/support/globalSetup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "release",
          include: ["test/release/**/*.test.ts"],
          globalSetup: ["test/support/globalSetup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "compat",
          include: ["test/compat/**/*.test.ts"],
          globalSetup: ["test/compat/globalSetup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "live",
          include: ["test/live/**/*.test.ts"],
          globalSetup: ["test/live/liveSetup.ts"],
        },
      },
    ],
  },
});
