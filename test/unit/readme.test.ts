import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { type Account, cliAccount, defaultAccounts, defaultToken } from "../../emulator";
import { repoRoot } from "../../pulumiProject/paths";
import { scripts } from "../../package.json";
import {
  webhookArguments,
  type WebhookArgumentName,
} from "../../provider/core/webhook/webhookArguments";
import { compatCliVersion, compatNodeVersions, compatSdkVersion } from "../compat/versions";

const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
/** The README's prose (code blocks left out), where a name counts as documented in backticks. */
const prose = readme.replace(/```[\s\S]*?```/g, "");

/** The entry points a user imports, and the argument types of the resources they declare. */
const entryPoints = {
  "pulumi-comm100": "provider/index.ts",
  "pulumi-comm100/payloads": "provider/payloads/index.ts",
};
const argumentTypes = [
  "Comm100WebhookArgs",
  "Comm100WebhookSubscriptionArgs",
  "Comm100AccountGuardArgs",
];

let program: ts.Program;
let snippetFiles: ts.SourceFile[];

beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), "readme-snippets-"));
  const files = snippets.map((source, index) => {
    const file = path.join(dir, `snippet${index}.ts`);
    writeFileSync(file, `${source}\nexport {};\n`);
    return file;
  });
  program = ts.createProgram(files, {
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
      ...Object.fromEntries(Object.entries(entryPoints).map(([name, file]) => [name, [file]])),
      "@pulumi/pulumi": ["node_modules/@pulumi/pulumi"],
    },
  });
  snippetFiles = files.map((file) => program.getSourceFile(file)!);
});

/** The declarations the snippets' identifiers resolve to (through imports). */
function usedDeclarations(): Set<ts.Declaration> {
  const checker = program.getTypeChecker();
  const used = new Set<ts.Declaration>();
  const visit = (node: ts.Node) => {
    let symbol: ts.Symbol | undefined;
    if (ts.isIdentifier(node)) symbol = checker.getSymbolAtLocation(node);
    if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
      const contextual = checker.getContextualType(node.parent as ts.ObjectLiteralExpression);
      symbol = contextual?.getProperty(node.name.getText());
    }
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    for (const declaration of symbol?.declarations ?? []) used.add(declaration);
    ts.forEachChild(node, visit);
  };
  for (const file of snippetFiles) visit(file);
  return used;
}

/** `names` that the snippets never use and the prose never writes in backticks. */
function undocumented(names: { name: string; declarations: readonly ts.Declaration[] }[]) {
  const used = usedDeclarations();
  return names
    .filter(({ declarations }) => !declarations.some((declaration) => used.has(declaration)))
    .filter(({ name }) => !new RegExp("`[^`]*\\b" + name + "\\b[^`]*`").test(prose))
    .map(({ name }) => name);
}

describe("README", () => {
  it("has snippets that compile against the package", () => {
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
      );
    expect(problems).toEqual([]);
  });

  it("shows or names every value the package exports", () => {
    const checker = program.getTypeChecker();
    const exports = Object.values(entryPoints).flatMap((file) => {
      const module = checker.getSymbolAtLocation(program.getSourceFile(path.join(repoRoot, file))!);
      return checker
        .getExportsOfModule(module!)
        .map((symbol) => checker.getAliasedSymbol(symbol))
        .filter((symbol) => symbol.flags & ts.SymbolFlags.Value)
        .map((symbol) => ({ name: symbol.name, declarations: symbol.declarations ?? [] }));
    });
    expect(exports.length).toBeGreaterThan(10);
    expect(undocumented(exports)).toEqual([]);
  });

  it.each(argumentTypes)("shows or names every argument of %s", (typeName) => {
    const checker = program.getTypeChecker();
    const index = program.getSourceFile(path.join(repoRoot, entryPoints["pulumi-comm100"]))!;
    const symbol = checker
      .getExportsOfModule(checker.getSymbolAtLocation(index)!)
      .find((exported) => exported.name === typeName);
    expect(symbol, `${typeName} is exported`).toBeDefined();
    const properties = checker
      .getDeclaredTypeOfSymbol(checker.getAliasedSymbol(symbol!))
      .getProperties()
      .map((property) => ({ name: property.name, declarations: property.declarations ?? [] }));
    expect(properties.length).toBeGreaterThan(1);
    expect(undocumented(properties)).toEqual([]);
  });

  it("lists the arguments of comm100:index:Webhook, required then optional, as the table has them", () => {
    const flat = prose.replace(/\s+/g, " ");
    const list = /resource `comm100:index:Webhook` \(([^;)]*)/.exec(flat)?.[1];
    expect(list, "the plugin section's list of the resource's arguments").toBeDefined();
    const [required, optional = ""] = list!.split(/\boptional\b/);
    const named = (text: string) => [...text.matchAll(/`(\w+)`/g)].map((match) => match[1]);
    const names = Object.keys(webhookArguments) as WebhookArgumentName[];
    expect({ required: named(required), optional: named(optional) }).toEqual({
      required: names.filter((name) => webhookArguments[name].required),
      optional: names.filter((name) => !webhookArguments[name].required),
    });
  });

  it("names the versions the compatibility run tests, in its Install section", () => {
    const install = readme.slice(readme.indexOf("## Install"), readme.indexOf("## Configure"));
    const flat = install.replace(/\s+/g, " ");
    expect(flat).toContain(`Node.js ${compatNodeVersions.join(" and ")} `);
    expect(flat).toContain(`\`@pulumi/pulumi\` ${compatSdkVersion} `);
    expect(flat).toContain(`Pulumi CLI ${compatCliVersion} `);
    expect(flat).toContain(`.tools/pulumi-${compatCliVersion}`);
  });
});

/** The rows of the Markdown tables of `text` that start with a site id. */
function siteRows(text: string): string[] {
  return text.split("\n").filter((line) => /^\| \d+ \|/.test(line));
}

/** An account as the emulator README's tables show it. */
function accountRow(account: Account): string {
  const tokens = account.bearerTokens.map((token) => `\`${token}\``).join(", ");
  const agents = account.agents
    .map(({ email, apiKey, manageIntegration }) => {
      return `\`${email}\` / \`${apiKey}\` / ${manageIntegration ? "yes" : "no"}`;
    })
    .join("; ");
  return `| ${account.siteId} | ${tokens} | ${agents} |`;
}

describe("emulator/README.md", () => {
  const emulatorReadme = readFileSync(path.join(repoRoot, "emulator/README.md"), "utf8");

  it("lists the accounts startEmulator() serves, then those npm run emulator serves", () => {
    expect(siteRows(emulatorReadme)).toEqual(
      [...defaultAccounts, cliAccount(defaultToken)].map(accountRow),
    );
  });
});

describe("the README's shell commands", () => {
  const shell = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]).join("\n");

  it("run only npm scripts package.json has", () => {
    const used = [...shell.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]);
    expect(used.length).toBeGreaterThan(3);
    expect(used.filter((name) => !(name in scripts))).toEqual([]);
  });

  it("run only scripts the repository has", () => {
    const used = [...shell.matchAll(/\b(scripts\/[\w./-]+)/g)].map((match) => match[1]);
    expect(used.filter((file) => !existsSync(path.join(repoRoot, file)))).toEqual([]);
  });
});
