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

/** The first default account (site 10000): an admin agent and a viewer without the permission. */
export const defaultAccount = {
  siteId: "10000",
  bearerTokens: ["emulator-token-10000"],
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

const accountSchema = z.object({
  siteId: z.string().min(1),
  bearerTokens: z.array(z.string().min(1)).default([]),
  agents: z
    .array(
      z.object({
        email: z.string().min(1),
        apiKey: z.string().min(1),
        manageIntegration: z.boolean(),
      }),
    )
    .default([]),
});

const accountsFileSchema = z.object({ accounts: z.array(accountSchema) });

/** Parses an accounts file (`{ "accounts": Account[] }`); throws naming the bad field. */
export function parseAccountsFile(json: unknown): Account[] {
  const parsed = accountsFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`Invalid accounts file: ${z.prettifyError(parsed.error)}`);
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
