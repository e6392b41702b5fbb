import { describe, expect, it } from "vitest";
import { adoptionFiles } from "../../provider/core/discovery/adoptionFiles";
import { nameWebhooks, takeInventory } from "../../provider/core/discovery/accountInventory";

const crm = "https://crm.example.com/comm100/s3cret-path";
const webhooks = [
  { id: "BBBBBBBB-0000-4000-8000-000000000002", event: "chatStarts", targetUrl: crm },
  { id: "AAAAAAAA-0000-4000-8000-000000000001", event: "chatStarts", targetUrl: crm },
  { id: "CCCCCCCC-0000-4000-8000-000000000003", event: "chatEnds", targetUrl: crm },
  {
    id: "DDDDDDDD-0000-4000-8000-000000000004",
    event: "chatEnds",
    targetUrl: "https://CRM.example.com/other",
  },
  {
    id: "EEEEEEEE-0000-4000-8000-000000000005",
    event: "offlineMessageIsSubmitted",
    targetUrl: "https://help.example.org/x",
  },
];

describe("discovering an account", () => {
  it("names each webhook after its event and target host, uniquely and the same on every run", () => {
    const names = nameWebhooks(webhooks).map(({ id, name }) => [name, id.slice(0, 1)]);
    expect(names).toEqual([
      ["chatEnds-crm-example-com-cccccccc", "C"],
      ["chatEnds-crm-example-com-dddddddd", "D"],
      ["chatStarts-crm-example-com-aaaaaaaa", "A"],
      ["chatStarts-crm-example-com-bbbbbbbb", "B"],
      ["offlineMessageIsSubmitted-help-example-org", "E"],
    ]);
    expect(nameWebhooks([...webhooks].reverse())).toEqual(nameWebhooks(webhooks));
    expect(names.flat().join(" ")).not.toContain("s3cret");
  });

  it("brings in one of each set of twins, and nothing the stack already manages", () => {
    const inventory = takeInventory(webhooks, new Set(["dddddddd-0000-4000-8000-000000000004"]));
    expect(inventory.toAdopt.map(({ id }) => id[0])).toEqual(["C", "A", "E"]);
    expect(inventory.managed.map(({ id }) => id[0])).toEqual(["D"]);
    expect(inventory.twins).toEqual([
      {
        keep: expect.objectContaining({ id: webhooks[1].id }),
        extra: [expect.objectContaining(webhooks[0])],
      },
    ]);
  });

  it("keeps the twin the stack manages, and brings in neither", () => {
    const inventory = takeInventory(webhooks, new Set([webhooks[0].id.toLowerCase()]));
    expect(inventory.twins[0].keep.id).toBe(webhooks[0].id);
    expect(inventory.twins[0].extra).toEqual([expect.objectContaining({ id: webhooks[1].id })]);
    expect(inventory.toAdopt.map(({ id }) => id[0])).toEqual(["C", "D", "E"]);
  });

  it("writes an import file, program code in three languages and a report without secrets in names", () => {
    const files = adoptionFiles(takeInventory(webhooks));
    expect(JSON.parse(files["import.json"])).toEqual({
      resources: [
        {
          type: "comm100:index:Webhook",
          name: "chatEnds-crm-example-com-cccccccc",
          id: webhooks[2].id,
        },
        {
          type: "comm100:index:Webhook",
          name: "chatEnds-crm-example-com-dddddddd",
          id: webhooks[3].id,
        },
        {
          type: "comm100:index:Webhook",
          name: "chatStarts-crm-example-com-aaaaaaaa",
          id: webhooks[1].id,
        },
        {
          type: "comm100:index:Webhook",
          name: "offlineMessageIsSubmitted-help-example-org",
          id: webhooks[4].id,
        },
      ],
    });
    expect(files["webhooks.ts"]).toContain(
      [
        'export const chatStartsCrmExampleComAaaaaaaa = new Comm100Webhook("chatStarts-crm-example-com-aaaaaaaa", {',
        '  event: "chatStarts",',
        `  targetUrl: pulumi.secret("${crm}"),`,
        `  adoptId: "${webhooks[1].id}",`,
        "});",
      ].join("\n"),
    );
    expect(files["webhooks.yaml"]).toContain(
      [
        "  chatStarts-crm-example-com-aaaaaaaa:",
        "    type: comm100:index:Webhook",
        "    properties:",
        "      event: chatStarts",
        "      targetUrl:",
        `        fn::secret: "${crm}"`,
      ].join("\n"),
    );
    expect(files["webhooks.py"]).toContain(
      [
        "chat_starts_crm_example_com_aaaaaaaa = comm100.Webhook(",
        '    "chatStarts-crm-example-com-aaaaaaaa",',
        '    event="chatStarts",',
        `    target_url=pulumi.Output.secret("${crm}"),`,
        ")",
      ].join("\n"),
    );
    expect(files["report.txt"]).toBe(
      [
        "4 webhook(s) to bring under management, 0 already managed by the stack.",
        "",
        'Twins: 2 webhooks for event "chatStarts" to https://crm.example.com/… (Comm100 delivers every such event once per webhook).',
        `  kept: ${webhooks[1].id} (chatStarts-crm-example-com-aaaaaaaa)`,
        `  to delete: ${webhooks[0].id}: in the Comm100 Control Panel, or \`pulumi do comm100:Webhook delete ${webhooks[0].id} --yes\``,
        "",
      ].join("\n"),
    );
  });
});
