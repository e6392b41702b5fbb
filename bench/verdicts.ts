import type { QuotaCheck, QuotaFigures, StepFigures, Target } from "./benchFigures";
import { formatCallsByRoute } from "./formatFigures";
import { busiestWindow, quota } from "./quota";
import type { StateFigures, StepName, StepSample } from "./sequence";

/** Targets from the issue. */
const limits = { createToFloor: 1.15, providerBytes: 4096, stateToTextbook: 1.5 };

/**
 * The targets from the issue, checked against the figures: per N, then the quota over every run,
 * then the quota check when it ran.
 */
export function targets(
  figures: StepFigures[],
  state: StateFigures[],
  quotaFigures: QuotaFigures,
  samples: StepSample[],
  sizes: number[],
  quotaCheck?: QuotaCheck,
): Target[] {
  const list: Target[] = [];
  const row = (n: number, step: StepName) => figures.find((f) => f.n === n && f.step === step);
  const ratioN = sizes.includes(100) ? 100 : Math.max(...sizes);
  for (const n of sizes) {
    const create = row(n, "up-create");
    const ratio = create?.oursToFloor;
    if (ratio !== undefined) {
      list.push({
        name: `create, N=${n}: time / engine floor`,
        target: `≤ ${limits.createToFloor}${n === ratioN ? "" : ` (at N=${ratioN})`}`,
        figure: ratio.toFixed(2),
        status: n !== ratioN ? "info" : ratio <= limits.createToFloor ? "pass" : "FAIL",
      });
    }
    const ours = create?.variants.ours;
    if (ours) {
      const calls = Math.max(...ours.calls);
      const lists = ours.callsByRoute["GET /livechat/webhooks"] ?? 0;
      const oneList = calls === n + 1 && lists === 1;
      list.push({
        name: `create, N=${n}: API calls`,
        target: `= N (${n})`,
        figure: `${calls}: ${formatCallsByRoute(ours.callsByRoute)}`,
        status: calls === n ? "pass" : oneList ? "by design" : "FAIL",
        note: oneList
          ? "one list call per run, shared by every create: refuses to double an existing webhook and reconciles a create whose answer was lost"
          : undefined,
      });
    }
    const preview = row(n, "preview")?.variants.ours;
    if (preview) {
      const calls = Math.max(...preview.calls);
      list.push({
        name: `preview, nothing changed, N=${n}: API calls`,
        target: "0",
        figure: String(calls),
        status: calls === 0 ? "pass" : "FAIL",
      });
    }
    const refresh = row(n, "preview-refresh")?.variants.ours;
    if (refresh) {
      const calls = Math.max(...refresh.calls);
      list.push({
        name: `preview --refresh, N=${n}: API calls`,
        target: `≤ N (${n}), goal 1`,
        figure: calls === 0 ? "0" : `${calls}: ${formatCallsByRoute(refresh.callsByRoute)}`,
        status: calls <= n ? "pass" : "FAIL",
        note: calls === 1 ? "goal met: one list call answers every read" : undefined,
      });
    }
    const drift = samples.filter(
      (s) => s.variant === "ours" && s.n === n && s.step === "preview-refresh-drift",
    );
    if (drift.length > 0) {
      const seen = drift.filter((s) => s.changes.update === 1).length;
      list.push({
        name: `preview --refresh after an out-of-band change, N=${n}`,
        target: "seen by the next run (never stale across runs)",
        figure: `seen in ${seen} of ${drift.length} runs`,
        status: seen === drift.length ? "pass" : "FAIL",
        note: "hook-0's targetUrl changed in the emulator between two preview --refresh runs",
      });
    }
    const ourState = state.find((s) => s.variant === "ours" && s.n === n);
    const textbookState = state.find((s) => s.variant === "textbook" && s.n === n);
    if (ourState) {
      list.push({
        name: `__provider per resource, N=${n}`,
        target: `≤ ${limits.providerBytes} bytes`,
        figure: `${ourState.providerBytes} bytes`,
        status: ourState.providerBytes <= limits.providerBytes ? "pass" : "FAIL",
      });
    }
    if (ourState && textbookState) {
      const toTextbook = ourState.stateBytes / textbookState.stateBytes;
      list.push({
        name: `state size vs textbook, N=${n}`,
        target: `≤ ${limits.stateToTextbook} ×`,
        figure: `${ourState.stateBytes} / ${textbookState.stateBytes} bytes = ${toTextbook.toFixed(2)} ×`,
        status: toTextbook <= limits.stateToTextbook ? "pass" : "FAIL",
      });
    }
  }
  const ourRuns = samples.filter((s) => s.variant === "ours");
  const failed = ourRuns.filter((s) => s.exitCode !== 0).length;
  const ourMaxWindow = Math.max(0, ...ourRuns.map((s) => busiestWindow(s.callTimes)));
  list.push({
    name: "client-side limiter: every run within 300 calls / 5 min, none failed",
    target: `≤ ${quota.max} calls in any 5 min of a run, 0 failed runs`,
    figure: `max ${ourMaxWindow} calls in 5 min of one run; ${quotaFigures.rateLimited} rate-limited answers; ${failed} of ${ourRuns.length} runs failed`,
    status: ourMaxWindow <= quota.max && failed === 0 ? "pass" : "FAIL",
    note: `a run makes at most N+1 calls, so the limiter never has to wait below N = ${quota.max}`,
  });
  if (quotaCheck) list.push(quotaTarget(quotaCheck));
  return list;
}

function quotaTarget(check: QuotaCheck): Target {
  const failed = check.commands.filter((command) => command.exitCode !== 0);
  const refused = check.commands.reduce((sum, command) => sum + command.rateLimited, 0);
  const total = check.commands.reduce((sum, command) => sum + command.calls, 0);
  const longest = check.commands.reduce((a, b) => (b.wallMs > a.wallMs ? b : a));
  const spread = total > quota.max && check.busiestWindow <= quota.max;
  return {
    name: `the same commands in a row under Comm100's quota, N=${check.n}`,
    target: "no command fails, no call refused",
    figure:
      `${total} calls, at most ${check.busiestWindow} within 5 min; ${refused} answered 403 quota exceeded; ` +
      (failed.length === 0
        ? `no command failed; longest: ${longest.label}, ${(longest.wallMs / 1000).toFixed(0)} s`
        : `${failed.map((command) => command.label).join(", ")} failed, ${check.webhooksLeft} webhooks left`),
    status: failed.length === 0 && refused === 0 ? "pass" : "FAIL",
    note: spread
      ? "the client-side limiter held calls back until the 5-minute window had room"
      : undefined,
  };
}
