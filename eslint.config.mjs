import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", ".tools/", "**/.pulumi/", "bench/results/", "sdk/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      // `import x = require()` is how the provider keeps modules capturable by Pulumi's serializer.
      "@typescript-eslint/no-require-imports": ["error", { allowAsImport: true }],
    },
  },
);
