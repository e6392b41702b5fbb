/*
 * Whether a target URL carries a secret. Comm100 signs nothing, so an unguessable part of the URL
 * is all that tells a receiver a POST comes from Comm100. The candidates are the parts a
 * receiver controls and HTTPS hides: path segments and query names and values, percent-decoded
 * (not the host, which DNS and TLS show, nor the fragment, which is never sent).
 *
 * A candidate is unguessable when all three hold:
 * 1. it has at least `minLength` characters (default 16);
 * 2. its characters carry at least `minBitsPerCharacter` bits each (Shannon entropy of their
 *    frequencies; default 2.5), which rules out repetitions such as `a1a1a1a1a1a1a1a1`;
 * 3. it is hexadecimal (digits, a–f, hyphens: hex tokens and UUIDs), or, split into runs of
 *    digits, of lower-case letters (with one capital before them) and of capitals, its runs
 *    average at most `maxMeanRunLength` characters (default 3.5): words make long runs
 *    (`comm100-chat-events` averages 4.25), random tokens switch kind all the time (base64url
 *    averages about 2).
 * A heuristic, hence advisory by default: about 1 in 600 random base64url tokens of 16 bytes is
 * judged guessable (hex tokens and UUIDs never are), tokens of one kind only (all lower-case
 * letters, say) are not recognized, and short words with numbers can pass
 * (`crm-prod-eu-west-1-hooks`). Use hex, a UUID or base64url, e.g. `crypto.randomUUID()`.
 */

/** The thresholds of the judgement. */
export interface UnguessableOptions {
  minLength: number;
  minBitsPerCharacter: number;
  maxMeanRunLength: number;
}

/** The thresholds used unless the policy's config sets others. */
export const defaultUnguessableOptions: UnguessableOptions = {
  minLength: 16,
  minBitsPerCharacter: 2.5,
  maxMeanRunLength: 3.5,
};

/** Whether some path segment or query name or value of `url` is unguessable. */
export function hasUnguessableSegment(url: URL, options: UnguessableOptions): boolean {
  return secretCandidates(url).some((candidate) => isUnguessable(candidate, options));
}

/** Whether `segment` is long and random enough to serve as a shared secret. */
export function isUnguessable(segment: string, options: UnguessableOptions): boolean {
  return (
    [...segment].length >= options.minLength &&
    bitsPerCharacter(segment) >= options.minBitsPerCharacter &&
    (/^[\da-f-]+$/i.test(segment) || meanRunLength(segment) <= options.maxMeanRunLength)
  );
}

/** The path segments and query names and values of `url`, percent-decoded. */
export function secretCandidates(url: URL): string[] {
  const segments = url.pathname.split("/").map(decoded);
  const query = [...url.searchParams].flat();
  return [...segments, ...query].filter((part) => part !== "");
}

/** The Shannon entropy of the character frequencies of `text`, in bits per character. */
export function bitsPerCharacter(text: string): number {
  const characters = [...text];
  const counts = new Map<string, number>();
  for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / characters.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** The mean length of the runs of digits, of (capitalized) lower-case letters and of capitals. */
export function meanRunLength(text: string): number {
  const runs = text.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? [];
  if (runs.length === 0) return Infinity;
  return runs.reduce((total, run) => total + run.length, 0) / runs.length;
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
