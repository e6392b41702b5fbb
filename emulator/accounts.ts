import { z } from "zod";

/** An agent who can call the API with HTTP Basic `email:apiKey` (plus `?siteId=`). */
export interface Agent {
  readonly email: string;
  readonly apiKey: string;
  /** Whether the agent holds Comm100's "Manage Integration" permission (needed for webhooks). */
  readonly manageIntegration: boolean;
}

/** One Comm100 site: its own webhooks, Bearer tokens and API-key agents. */
export interface Account {
  readonly siteId: string;
  /** Access tokens accepted as `Authorization: Bearer <token>`; each grants full webhook access. */
  readonly bearerTokens: readonly string[];
  readonly agents: readonly Agent[];
}

/**
 * The first default account (site 10000): two Bearer tokens (the second one to test credential
 * rotation), an admin agent and a viewer without the permission.
 */
export const defaultAccount = {
  siteId: "10000",
  bearerTokens: ["emulator-token-10000", "emulator-token-10000-rotated"],
  agents: [
    { email: "admin@example.com", apiKey: "emulator-api-key-admin", manageIntegration: true },
    { email: "viewer@example.com", apiKey: "emulator-api-key-viewer", manageIntegration: false },
  ],
} as const satisfies Account;

/** The second default account (site 20000), to check that sites never see each other's data. */
export const secondAccount = {
  siteId: "20000",
  bearerTokens: ["emulator-token-20000"],
  agents: [
    { email: "admin2@example.com", apiKey: "emulator-api-key-admin2", manageIntegration: true },
  ],
} as const satisfies Account;

/** Site 10000's Bearer token. */
export const defaultToken = defaultAccount.bearerTokens[0];
/** Site 10000's second Bearer token: same site, same webhooks, another credential. */
export const defaultRotatedToken = defaultAccount.bearerTokens[1];
/** Site 10000's agent with "Manage Integration". */
export const defaultAdmin = defaultAccount.agents[0];
/** Site 10000's agent without "Manage Integration" (every webhook call answers 403). */
export const defaultViewer = defaultAccount.agents[1];
/** Site 20000's Bearer token. */
export const secondToken = secondAccount.bearerTokens[0];
/** Site 20000's agent with "Manage Integration". */
export const secondAdmin = secondAccount.agents[0];

/** The accounts served when `startEmulator` is given none. */
export const defaultAccounts: readonly Account[] = [defaultAccount, secondAccount];

/**
 * The account `npm run emulator` serves (besides those of `--config`): site 10000 with one Bearer
 * token, `token`, and its admin agent only.
 */
export function cliAccount(token: string): Account {
  return { siteId: defaultAccount.siteId, bearerTokens: [token], agents: [defaultAdmin] };
}

/** What each part of an accounts file must be; an error names the field, then its rule. */
const rules = {
  file: 'must be a JSON object {"accounts": [...]}',
  accounts: "must be a list of accounts",
  account: 'must be an object {"siteId", "bearerTokens", "agents"}',
  siteId: 'must be the site id as a string or whole number, e.g. "30000"',
  bearerTokens: "must be a list of tokens",
  bearerToken: "must be a non-empty string",
  agents: "must be a list of agents",
  agent: 'must be an object {"email", "apiKey", "manageIntegration"}',
  email: "must be the agent's email, a non-empty string",
  apiKey: "must be the agent's API key, a non-empty string",
  manageIntegration: "must be true or false",
} as const;

/** A non-empty string, else the error `rule`. */
const text = (rule: string) => z.string({ error: rule }).min(1, { error: rule });

/** A non-empty string, or a whole positive number turned into its decimal string. */
const siteIdSchema = z
  .custom<string | number>(
    (value) =>
      (typeof value === "string" && value.length > 0) ||
      (typeof value === "number" && Number.isSafeInteger(value) && value > 0),
    { error: rules.siteId },
  )
  .transform(String);

const agentSchema = z.object(
  {
    email: text(rules.email),
    apiKey: text(rules.apiKey),
    manageIntegration: z.boolean({ error: rules.manageIntegration }),
  },
  { error: rules.agent },
);

const accountSchema = z.object(
  {
    siteId: siteIdSchema,
    bearerTokens: z.array(text(rules.bearerToken), { error: rules.bearerTokens }).default([]),
    agents: z.array(agentSchema, { error: rules.agents }).default([]),
  },
  { error: rules.account },
);

const accountsFileSchema = z.object(
  { accounts: z.array(accountSchema, { error: rules.accounts }) },
  { error: rules.file },
);

/**
 * Parses an accounts file (`{ "accounts": Account[] }`); a numeric `siteId` becomes its decimal
 * string. Throws naming every bad field and what it must be, e.g.
 * `accounts[0].siteId must be the site id as a string or whole number, e.g. "30000"`.
 */
export function parseAccountsFile(json: unknown): Account[] {
  const parsed = accountsFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${z.core.toDotPath(issue.path) || "the file"} ${issue.message}`,
    );
    throw new Error(`Invalid accounts file: ${problems.join("; ")}.`);
  }
  return parsed.data.accounts;
}

/** Joins account lists; accounts sharing a siteId are merged (tokens and agents concatenated). */
export function mergeAccounts(...lists: readonly (readonly Account[])[]): Account[] {
  const bySite = new Map<string, Account>();
  for (const account of lists.flat()) {
    const existing = bySite.get(account.siteId);
    bySite.set(account.siteId, {
      siteId: account.siteId,
      bearerTokens: [...(existing?.bearerTokens ?? []), ...account.bearerTokens],
      agents: [...(existing?.agents ?? []), ...account.agents],
    });
  }
  return [...bySite.values()];
}
