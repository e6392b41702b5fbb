import { describe, expect, it } from "vitest";
import { parseAccountsFile } from "../../emulator";

const account = { siteId: "30000", bearerTokens: ["token-30000"], agents: [] };

describe("parseAccountsFile (--config)", () => {
  it("reads accounts, defaulting bearerTokens and agents to none", () => {
    expect(parseAccountsFile({ accounts: [account, { siteId: "40000" }] })).toEqual([
      account,
      { siteId: "40000", bearerTokens: [], agents: [] },
    ]);
  });

  it("accepts a whole number as siteId and keeps it as its decimal string", () => {
    expect(parseAccountsFile({ accounts: [{ ...account, siteId: 30000 }] })).toEqual([account]);
  });

  it.each([
    ["a fraction", 30000.5],
    ["zero", 0],
    ["a negative number", -30000],
    ["an unsafe integer", 2 ** 60],
    ["an empty string", ""],
    ["a boolean", true],
    ["null", null],
    ["nothing", undefined],
  ])("rejects %s as siteId, naming the field and what it must be", (_what, siteId) => {
    expect(() => parseAccountsFile({ accounts: [{ ...account, siteId }] })).toThrow(
      'Invalid accounts file: accounts[0].siteId must be the site id as a string or whole number, e.g. "30000".',
    );
  });

  it("names every bad field, with its position in the file", () => {
    const json = {
      accounts: [
        account,
        {
          siteId: "40000",
          bearerTokens: [""],
          agents: [{ email: "a@example.com", apiKey: 7, manageIntegration: "yes" }],
        },
      ],
    };
    expect(() => parseAccountsFile(json)).toThrow(
      "Invalid accounts file: accounts[1].bearerTokens[0] must be a non-empty string; " +
        "accounts[1].agents[0].apiKey must be the agent's API key, a non-empty string; " +
        "accounts[1].agents[0].manageIntegration must be true or false.",
    );
  });

  it.each([
    ["not an object", [], 'the file must be a JSON object {"accounts": [...]}'],
    ["without accounts", {}, "accounts must be a list of accounts"],
    ["with an account that is not an object", { accounts: [1] }, "accounts[0] must be an object"],
  ])("rejects a file %s", (_what, json, message) => {
    expect(() => parseAccountsFile(json)).toThrow(message);
  });
});
