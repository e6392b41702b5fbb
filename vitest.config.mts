import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "provider/**/*.test.ts"],
    globalSetup: ["test/e2e/globalSetup.ts"],
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
