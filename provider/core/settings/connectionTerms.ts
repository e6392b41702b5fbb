import { connectionSettingNames, settings } from "./settings";

/** A connection setting: `baseUrl`, `accessToken`, `agentEmail`, `apiKey` or `siteId`. */
export type ConnectionField = (typeof connectionSettingNames)[number];

/** Where connection settings come from, in the order they are looked for. */
export type ConnectionSource = "connection" | "config" | "env";

/** How one source of settings is named in messages, and how each field is written there. */
export interface SourceTerms {
  /** The source in words: "stack config", `provider "site3"`. */
  label: string;
  /** A field as it is written in this source: `comm100:accessToken`, `COMM100_ACCESS_TOKEN`. */
  field: (field: ConnectionField) => string;
}

/**
 * How the users of one door give connection settings: every message about missing or unusable
 * settings names only these sources, as they write them, and ends with `help`.
 */
export interface ConnectionTerms {
  sources: Record<ConnectionSource, SourceTerms>;
  /** The ways to give the settings, appended to every connection error. */
  help: string;
}

const inConfig = (field: ConnectionField) => settings[field].config;
const inEnv = (field: ConnectionField) => settings[field].env;
const asProperty = (field: ConnectionField) => field;

const environment: SourceTerms = { label: "the environment", field: inEnv };
const stackConfig: SourceTerms = { label: "stack config", field: inConfig };

const dataCentre = "NN is your data centre, as in your Control Panel host dashNN.comm100.io.";

/** The stack config commands that give the settings. */
const configCommands =
  `\`pulumi config set ${inConfig("baseUrl")} https://apiNN.comm100.io/v4\` and ` +
  `\`pulumi config set --secret ${inConfig("accessToken")} <token>\` (or ` +
  `${inConfig("agentEmail")}, \`--secret ${inConfig("apiKey")}\`, ${inConfig("siteId")})`;

/** The environment variables that give the settings. */
const envVariables =
  `${inEnv("baseUrl")} and ${inEnv("accessToken")} (or ${inEnv("agentEmail")}, ` +
  `${inEnv("apiKey")}, ${inEnv("siteId")})`;

/**
 * The dynamic provider's terms: a resource's own `connection` argument, then stack config, then
 * the environment.
 */
export const argumentConfigEnvTerms: ConnectionTerms = {
  sources: {
    connection: {
      label: "the resource's `connection` argument",
      field: (field) => `connection.${field}`,
    },
    config: stackConfig,
    env: environment,
  },
  help:
    "Give the Comm100 connection in one of three ways (the first that sets anything wins): " +
    "(1) the resource's `connection` argument, { baseUrl, accessToken } or " +
    "{ baseUrl, agentEmail, apiKey, siteId }; " +
    `(2) stack config: ${configCommands}; (3) environment variables ${envVariables}. ${dataCentre}`,
};

/** What never applies where resources have no `connection` argument of their own. */
const noArgument: SourceTerms = { label: "the resource's settings", field: asProperty };

/** Terms where settings come from stack config, then the environment (the default provider). */
export const configEnvTerms: ConnectionTerms = {
  sources: { connection: noArgument, config: stackConfig, env: environment },
  help:
    `Give the Comm100 connection in stack config: ${configCommands}; or in the environment ` +
    `variables ${envVariables}. ${dataCentre} A second account needs a provider of its own ` +
    "(`pulumi:providers:comm100`) with those settings as its properties, passed in the " +
    "resource's `provider` option.",
};

/**
 * Terms where settings come from an explicit provider's properties (`provider`, its type
 * included: `pulumi:providers:comm100 "site3"`), then the environment.
 */
export function providerPropertyTerms(provider: string): ConnectionTerms {
  return {
    sources: {
      connection: noArgument,
      config: { label: `the properties of ${provider}`, field: asProperty },
      env: environment,
    },
    help:
      `Give ${provider} the properties baseUrl and accessToken (or agentEmail, apiKey and ` +
      `siteId); or set the environment variables ${envVariables}. ${dataCentre} (A provider ` +
      "you declare does not read the comm100:* stack config.)",
  };
}
