/** What the duplicate check needs to know of a webhook. */
export interface EventAndTarget {
  event: string;
  targetUrl: string;
}

/**
 * The groups of two or more webhooks with the same event and the same target, in the order
 * given. Targets compare as the provider compares them: scheme and host case-insensitively,
 * everything else as written (the URL parser's spelling, `new URL(x).href`).
 */
export function duplicateGroups<T extends EventAndTarget>(webhooks: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const webhook of webhooks) {
    const key = `${webhook.event}\n${parsedSpelling(webhook.targetUrl)}`;
    groups.set(key, [...(groups.get(key) ?? []), webhook]);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}

/** The URL parser's spelling of `url` (the pack ships without the provider's code), or `url`. */
function parsedSpelling(url: string): string {
  return URL.canParse(url) ? new URL(url).href : url;
}
