import { PolicyPack } from "@pulumi/policy";
import { allowedHosts } from "./policies/allowedHosts";
import { httpsOnly } from "./policies/httpsOnly";
import { noDuplicates } from "./policies/noDuplicates";
import { unguessableUrl } from "./policies/unguessableUrl";

// Where Comm100 chat data may go, checked before anything is deployed. README: "Policy pack".
new PolicyPack("comm100-webhooks", {
  policies: [httpsOnly, allowedHosts, noDuplicates, unguessableUrl],
});
