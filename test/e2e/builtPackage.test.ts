import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { repoRoot } from "../../pulumiProject/paths";

// The package as users get it: built and laid out by test/support/globalSetup.ts.
const installed = path.join(inject("fixtureRoot"), "node_modules", "pulumi-comm100");
const repoModules = path.join(repoRoot, "node_modules");

/** The compiler options `pulumi new typescript` writes: no esModuleInterop, no skipLibCheck. */
const pulumiNewTsconfig = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
};

const payloadsProgram = `
import { parseWebhookPayload, payloadEvents, type WebhookPayloadOf } from "pulumi-comm100/payloads";

export function transcript(body: string): string | undefined {
  const payload = parseWebhookPayload(body);
  return payload.event === "chat_ended" ? payload.chat.chat_transcript : undefined;
}
export const ended: WebhookPayloadOf<"chatEnds">["event"] = payloadEvents.chatEnds[0];
`;

const providerProgram = `
import { Comm100Webhook, Comm100ApiError } from "pulumi-comm100";
${payloadsProgram}
const hook = new Comm100Webhook("hook", { event: "chatEnds", targetUrl: "https://example.com/h" });
export const id = hook.id;
export const isApiError = (error: unknown) => error instanceof Comm100ApiError;
`;

/**
 * Type-checks `program` as the `index.ts` of a fresh `pulumi new typescript` project that has
 * this package, `@pulumi/pulumi` and `@types/node` installed: its errors and the files it read.
 */
function typeCheck(program: string): { errors: string[]; files: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), "pulumi-comm100-consumer-"));
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(pulumiNewTsconfig));
  writeFileSync(path.join(dir, "index.ts"), program);
  mkdirSync(path.join(dir, "node_modules", "@types"), { recursive: true });
  mkdirSync(path.join(dir, "node_modules", "@pulumi"));
  symlinkSync(installed, path.join(dir, "node_modules", "pulumi-comm100"));
  for (const name of ["@pulumi/pulumi", "@types/node"]) {
    symlinkSync(path.join(repoModules, name), path.join(dir, "node_modules", name));
  }
  const tsc = path.join(repoModules, "typescript", "bin", "tsc");
  let output: string;
  try {
    output = execFileSync(
      process.execPath,
      [tsc, "-p", dir, "--noEmit", "--pretty", "false", "--listFiles"],
      { encoding: "utf8" },
    );
  } catch (error) {
    output = (error as { stdout: string }).stdout;
  }
  const lines = output.split("\n").filter(Boolean);
  return {
    errors: lines.filter((line) => /error TS\d+/.test(line)),
    files: lines.filter((line) => !/error TS\d+/.test(line)),
  };
}

describe("the built package in a `pulumi new typescript` project", () => {
  it("type-checks `pulumi-comm100/payloads` without loading zod or the Pulumi SDK", () => {
    const { errors, files } = typeCheck(payloadsProgram);

    expect(errors).toEqual([]);
    expect(files.filter((file) => file.includes("/dist/payloads/")).length).toBeGreaterThan(0);
    expect(files.filter((file) => /node_modules\/(zod|@pulumi)\//.test(file))).toEqual([]);
  });

  it("type-checks `pulumi-comm100` with `pulumi-comm100/payloads` without loading zod", () => {
    const { errors, files } = typeCheck(providerProgram);

    expect(errors).toEqual([]);
    expect(files.some((file) => file.endsWith("/dist/index.d.ts"))).toBe(true);
    expect(files.filter((file) => file.includes("node_modules/zod/"))).toEqual([]);
  });

  it("ships declarations of the payloads that never mention zod", () => {
    const declarations = readdirSync(path.join(installed, "dist", "payloads")).filter((file) =>
      file.endsWith(".d.ts"),
    );

    expect(declarations).toContain("index.d.ts");
    for (const file of declarations) {
      const text = readFileSync(path.join(installed, "dist", "payloads", file), "utf8");
      expect({ file, mentionsZod: /zod/i.test(text) }).toEqual({ file, mentionsZod: false });
    }
  });
});

describe("the built package's source maps", () => {
  it("carry the TypeScript source of every file they map, since the package ships no .ts", () => {
    const maps = readdirSync(path.join(installed, "dist"), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".js.map"))
      .map((file) => path.join(installed, "dist", file));
    expect(maps.length).toBeGreaterThanOrEqual(20);

    for (const file of maps) {
      const map = JSON.parse(readFileSync(file, "utf8")) as {
        sources: string[];
        sourcesContent?: (string | null)[];
      };
      const source = path.basename(file, ".js.map") + ".ts";
      expect({ file, sources: map.sources.map((s) => path.basename(s)) }).toEqual({
        file,
        sources: [source],
      });
      const content = map.sourcesContent?.[0] ?? "";
      expect({ file, inlined: content.length > 0 }).toEqual({ file, inlined: true });
    }
  });
});

describe("the plugin bundle", () => {
  it("leaves out what the plugin never runs: the SDK's closure serializer and npm's libraries", () => {
    const bundle = path.join(repoRoot, "bin", "pulumi-resource-comm100");
    const text = readFileSync(bundle, "utf8");
    // Importing `@pulumi/pulumi` whole (not its `output`, `resource`, `provider` modules) pulls
    // them in: 16 MB instead of 3 MB, read at every plugin start.
    expect(text).not.toContain("@npmcli/arborist");
    expect(text.length).toBeLessThan(6_000_000);
  });
});
