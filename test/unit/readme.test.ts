import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../pulumiProject/pulumiCli";

const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);

describe("README", () => {
  it("has TypeScript snippets for every public API", () => {
    const all = snippets.join("\n");
    for (const name of [
      "Comm100Webhook",
      "Comm100Webhook.get",
      "Comm100WebhookSubscription",
      "Comm100AccountGuard",
      "getWebhooks",
      "getWebhook(",
      "getWebhooksOutput",
      "webhookEvents",
      "isWebhookEvent",
      "adoptId",
      "connection",
      "parseWebhookPayload",
      "WebhookPayloadError",
      "parseMicrosoftDate",
    ]) {
      expect(all).toContain(name);
    }
  });

  it("has snippets that compile against the package", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "readme-snippets-"));
    const files = snippets.map((source, index) => {
      const file = path.join(dir, `snippet${index}.ts`);
      writeFileSync(file, `${source}\nexport {};\n`);
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      types: ["node"],
      typeRoots: [path.join(repoRoot, "node_modules/@types")],
      baseUrl: repoRoot,
      paths: {
        "pulumi-comm100": ["provider/index.ts"],
        "pulumi-comm100/payloads": ["provider/payloads/index.ts"],
        "@pulumi/pulumi": ["node_modules/@pulumi/pulumi"],
      },
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
      );
    expect(problems).toEqual([]);
  });
});
