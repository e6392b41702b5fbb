import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../pulumiProject/paths";
import {
  webhookArguments,
  type WebhookArgumentName,
} from "../../provider/core/webhook/webhookArguments";

const names = Object.keys(webhookArguments) as WebhookArgumentName[];

/** Each property of interface `name` in `file`: its TSDoc text on one line, and if it is optional. */
function properties(file: string, name: string): Map<string, { doc: string; optional: boolean }> {
  const source = ts.createSourceFile(
    file,
    readFileSync(path.join(repoRoot, file), "utf8"),
    ts.ScriptTarget.Latest,
    true,
  );
  const found = source.statements.find(
    (node): node is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(node) && node.name.text === name,
  );
  if (!found) throw new Error(`${file} declares no interface ${name}`);
  return new Map(
    found.members.map((member) => {
      const comments = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc);
      const doc = comments.map((comment) => ts.getTextOfJSDocComment(comment.comment)).join(" ");
      const optional = member.questionToken !== undefined;
      return [member.name!.getText(source), { doc: doc.replace(/\s+/g, " ").trim(), optional }];
    }),
  );
}

describe("the table of a webhook's arguments", () => {
  const args = properties("provider/dynamic/webhook.ts", "Comm100WebhookArgs");

  it.each(names)("is what Comm100WebhookArgs' TSDoc says of %s, and if it is optional", (name) => {
    expect(args.get(name)).toEqual({
      doc: webhookArguments[name].description,
      optional: !webhookArguments[name].required,
    });
  });
});
