/** The engine's count of resources per step kind, e.g. `{ create: 2, same: 1 }`. */
export type ResourceChanges = Record<string, number>;

/** What a successful `up`, `refresh` or `destroy` did, and what it printed. */
export interface StackOperationResult {
  /** From the engine's summary event: what `pulumi` prints under "Resources:". */
  resourceChanges: ResourceChanges;
  /** The engine's events, one JSON object a line (`--json`). */
  stdout: string;
  stderr: string;
}

/** The operations a test runs to change its stack, and the flags each may take. */
export type StackOperation =
  | { kind: "up"; refresh?: boolean }
  | { kind: "refresh"; expectNoChanges?: boolean }
  | { kind: "destroy" };

/** The `pulumi` arguments of `operation`: no prompt, no preview, events as JSON. */
export function stackOperationArgs(operation: StackOperation): string[] {
  const flags = [
    ...(operation.kind === "up" && operation.refresh ? ["--refresh"] : []),
    ...(operation.kind === "refresh" && operation.expectNoChanges ? ["--expect-no-changes"] : []),
  ];
  return [operation.kind, ...flags, "--yes", "--skip-preview", "--non-interactive", "--json"];
}

/**
 * Reads the outcome of a `pulumi` command run with {@link stackOperationArgs}: its resource
 * changes when it succeeded; otherwise an error holding every error the engine reported, so a
 * failing test shows why (the events of the command are in `stdout`).
 */
export function stackOperationResult(
  operation: StackOperation,
  run: { code: number; stdout: string; stderr: string },
): StackOperationResult {
  const events = run.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as EngineEvent);
  const summary = events.find((event) => event.summaryEvent)?.summaryEvent;
  if (run.code !== 0 || !summary) {
    const errors = events
      .map((event) => event.diagnosticEvent)
      .filter((diagnostic) => diagnostic?.severity.includes("err"))
      .map((diagnostic) => diagnostic!.message.trim());
    throw new Error(
      `pulumi ${operation.kind} failed (exit ${run.code}):\n${[...errors, run.stderr.trim()].join("\n")}`,
    );
  }
  return { resourceChanges: summary.resourceChanges, stdout: run.stdout, stderr: run.stderr };
}

/** The parts of `pulumi … --json` events read here. */
interface EngineEvent {
  summaryEvent?: { resourceChanges: ResourceChanges };
  diagnosticEvent?: { message: string; severity: string };
}
