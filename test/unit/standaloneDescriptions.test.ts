import { describe, expect, it } from "vitest";
import { settings } from "../../provider/core/settings/settings";
import { packageSchema } from "../../provider/plugin/schema";

/**
 * Words and links that point at a place in the README (a section, a row above or below): lost in
 * the schema, the SDKs' docstrings and `pulumi do … --help`, which show these texts alone.
 */
const pointer = /\b(below|above|next|previous|following|preceding|section|readme)\b|\]\(/i;

/** Every `description` in `value`, with the path that leads to it. */
function descriptions(value: unknown, at = ""): [string, string][] {
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === "description" && typeof inner === "string"
      ? [[at, inner] as [string, string]]
      : descriptions(inner, `${at}/${key}`),
  );
}

describe("texts shown outside the README", () => {
  it("describe every setting without pointing at a place in the README", () => {
    const pointing = Object.entries(settings).filter(([, setting]) =>
      pointer.test(setting.meaning),
    );
    expect(pointing.map(([name, setting]) => `${name}: ${setting.meaning}`)).toEqual([]);
  });

  it("describe everything in the plugin schema without pointing at a place in the README", () => {
    const all = descriptions(packageSchema());
    expect(all.length).toBeGreaterThan(30);
    const pointing = all.filter(([, text]) => pointer.test(text));
    expect(pointing.map(([at, text]) => `${at}: ${text}`)).toEqual([]);
  });
});
