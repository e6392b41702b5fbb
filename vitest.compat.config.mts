import { defineConfig } from "vitest/config";
// vitest.config.mts, by the name TypeScript resolves it under (an `.mts` path needs a flag).
import base from "./vitest.config.mjs";

// The compatibility run (`npm run test:compat`): project `compat`, the smoke of both doors on the
// newest Node.js, @pulumi/pulumi and Pulumi CLI (test/compat/versions.ts). A config of its own,
// so that `npm test` (every project of vitest.config.mts) never runs it. Same settings otherwise.
const shared = { ...base.test, projects: undefined };

export default defineConfig({
  test: {
    ...shared,
    name: "compat",
    include: ["test/compat/**/*.test.ts"],
    globalSetup: ["test/compat/globalSetup.ts"],
  },
});
