import { describe, expect, it } from "vitest";
import { stackOperationArgs, stackOperationResult } from "../../pulumiProject/stackOperation";

const event = (body: object) => JSON.stringify({ sequence: 1, timestamp: 0, ...body });

describe("a stack operation run through the CLI", () => {
  it("asks for no prompt, no preview and JSON events, with the operation's own flags", () => {
    expect(stackOperationArgs({ kind: "up", refresh: true })).toEqual([
      "up",
      "--refresh",
      "--yes",
      "--skip-preview",
      "--non-interactive",
      "--json",
    ]);
    expect(stackOperationArgs({ kind: "refresh", expectNoChanges: true })).toContain(
      "--expect-no-changes",
    );
    expect(stackOperationArgs({ kind: "destroy" })).toEqual([
      "destroy",
      "--yes",
      "--skip-preview",
      "--non-interactive",
      "--json",
    ]);
  });

  it("gives the resource changes of the engine's summary", () => {
    const stdout = [
      event({ preludeEvent: { config: {} } }),
      event({ summaryEvent: { resourceChanges: { create: 2, same: 1 }, result: "succeeded" } }),
      event({ cancelEvent: {} }),
    ].join("\n");
    expect(stackOperationResult({ kind: "up" }, { code: 0, stdout, stderr: "" })).toEqual({
      resourceChanges: { create: 2, same: 1 },
      stdout,
      stderr: "",
    });
  });

  it("throws the engine's errors when the command fails", () => {
    const stdout = [
      event({ diagnosticEvent: { message: "a warning\n", severity: "warning" } }),
      event({ diagnosticEvent: { message: "error: refused: use adoptId\n", severity: "error" } }),
      event({ summaryEvent: { resourceChanges: {}, result: "failed" } }),
    ].join("\n");
    expect(() =>
      stackOperationResult({ kind: "destroy" }, { code: 255, stdout, stderr: "exit status 1\n" }),
    ).toThrow("pulumi destroy failed (exit 255):\nerror: refused: use adoptId\nexit status 1");
  });
});
