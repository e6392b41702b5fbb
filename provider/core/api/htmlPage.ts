const maxHtmlSummaryLength = 100;

/**
 * What an HTML page is, in a few words, instead of its markup: a proxy's or gateway's error page
 * (e.g. a 502) is named by its title, else its first heading, shortened to about 100 characters.
 * `undefined` when `text` is not HTML.
 */
export function htmlPageSummary(text: string): string | undefined {
  if (!/^\s*<(!doctype html|html|head|body|title|h[1-6])[\s>]/i.test(text)) return undefined;
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1] ?? "";
  const heading = /<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/i.exec(text)?.[2] ?? "";
  const words = plainText(title) || plainText(heading);
  if (words === "") return "an HTML page without a title";
  const shown =
    words.length > maxHtmlSummaryLength ? `${words.slice(0, maxHtmlSummaryLength - 3)}...` : words;
  return `an HTML page titled "${shown}"`;
}

const htmlEntities: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/** The text of an HTML fragment: no tags, the common entities decoded, spaces collapsed. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#\d+|[a-z]+);/gi, (entity, name: string) =>
      name.startsWith("#")
        ? codePoint(Number(name.slice(1)), entity)
        : (htmlEntities[name.toLowerCase()] ?? entity),
    )
    .replace(/\s+/g, " ")
    .trim();
}

function codePoint(code: number, entity: string): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
}
