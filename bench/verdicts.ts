import type { QuotaCheck, StepFigures, Target } from "./benchFigures";
import { formatCallsByRoute } from "./formatFigures";
import { busiestWindow, quota } from "./quota";
import type { StateFigures, StepName, StepSample } from "./sequence";
import { variantOf, variants, type Variant } from "./variants";

/** Targets from the issue. */
const limits = { createToFloor: 1.15, providerBytes: 4096, stateToTextbook: 1.5 };

/**
 * The targets from the issue, checked for each of this project's providers that ran: per N, then
 * the quota over every run, then the quota check when it ran.
 */
export function targets(
  figures: StepFigures[],
  state: StateFigures[],
  samples: StepSample[],
  sizes: number[],
  quotaCheck?: QuotaCheck,
): Target[] {
  const ran = variants.filter(
    (variant) => variant.ownProvider && samples.some((s) => s.variant === variant.name),
  );
  const ratioN = sizes.includes(100) ? 100 : Math.max(...sizes);
  return [
    ...sizes.flatMap((n) =>
      ran.flatMap((variant) => sizeTargets(variant, n, ratioN, figures, state, samples)),
    ),
    ...ran.map((variant) => limiterTarget(variant, samples)),
    ...(quotaCheck ? [quotaTarget(quotaCheck)] : []),
  ];
}

/** The targets of `variant` at `n` (the time ratio is judged at `ratioN` only). */
function sizeTargets(
  variant: Variant,
  n: number,
  ratioN: number,
  figures: StepFigures[],
  state: StateFigures[],
  samples: StepSample[],
): Target[] {
  const list: Target[] = [];
  const add = (target: Omit<Target, "provider">) =>
    list.push({ ...target, provider: variant.label });
  const row = (step: StepName) => figures.find((f) => f.n === n && f.step === step);
  const create = row("up-create");
  const ratio = create?.toFloor[variant.name];
  if (ratio !== undefined) {
    add({
      name: `create, N=${n}: time / engine floor`,
      target: `≤ ${limits.createToFloor}${n === ratioN ? "" : ` (at N=${ratioN})`}`,
      figure: ratio.toFixed(2),
      status: n !== ratioN ? "info" : ratio <= limits.createToFloor ? "pass" : "FAIL",
    });
  }
  const created = create?.variants[variant.name];
  if (created) {
    const calls = Math.max(...created.calls);
    const lists = created.callsByRoute["GET /livechat/webhooks"] ?? 0;
    const oneList = calls === n + 1 && lists === 1;
    add({
      name: `create, N=${n}: API calls`,
      target: `= N (${n})`,
      figure: `${calls}: ${formatCallsByRoute(created.callsByRoute)}`,
      status: calls === n ? "pass" : oneList ? "by design" : "FAIL",
      note: oneList
        ? "one list call per run, shared by every create: refuses to double an existing webhook and reconciles a create whose answer was lost"
        : undefined,
    });
  }
  const preview = row("preview")?.variants[variant.name];
  if (preview) {
    const calls = Math.max(...preview.calls);
    add({
      name: `preview, nothing changed, N=${n}: API calls`,
      target: "0",
      figure: String(calls),
      status: calls === 0 ? "pass" : "FAIL",
    });
  }
  const refresh = row("preview-refresh")?.variants[variant.name];
  if (refresh) {
    const calls = Math.max(...refresh.calls);
    add({
      name: `preview --refresh, N=${n}: API calls`,
      target: `≤ N (${n}), goal 1`,
      figure: calls === 0 ? "0" : `${calls}: ${formatCallsByRoute(refresh.callsByRoute)}`,
      status: calls <= n ? "pass" : "FAIL",
      note: calls === 1 ? "goal met: one list call answers every read" : undefined,
    });
  }
  const drift = samples.filter(
    (s) => s.variant === variant.name && s.n === n && s.step === "preview-refresh-drift",
  );
  if (drift.length > 0) {
    const seen = drift.filter((s) => s.changes.update === 1).length;
    add({
      name: `preview --refresh after an out-of-band change, N=${n}`,
      target: "seen by the next run (never stale across runs)",
      figure: `seen in ${seen} of ${drift.length} runs`,
      status: seen === drift.length ? "pass" : "FAIL",
      note: "hook-0's targetUrl changed in the emulator between two preview --refresh runs",
    });
  }
  const ownState = state.find((s) => s.variant === variant.name && s.n === n);
  const textbookState = state.find((s) => s.variant === "textbook" && s.n === n);
  if (ownState?.providerBytes !== undefined) {
    add({
      name: `__provider per resource, N=${n}`,
      target: `≤ ${limits.providerBytes} bytes`,
      figure: `${ownState.providerBytes} bytes`,
      status: ownState.providerBytes <= limits.providerBytes ? "pass" : "FAIL",
    });
  }
  if (ownState && textbookState) {
    const toTextbook = ownState.stateBytes / textbookState.stateBytes;
    add({
      name: `state size vs textbook, N=${n}`,
      target: `≤ ${limits.stateToTextbook} ×`,
      figure: `${ownState.stateBytes} / ${textbookState.stateBytes} bytes = ${toTextbook.toFixed(2)} ×`,
      status: toTextbook <= limits.stateToTextbook ? "pass" : "FAIL",
    });
  }
  return list;
}

/** Every measured run of `variant` stayed within Comm100's quota, and none failed. */
function limiterTarget(variant: Variant, samples: StepSample[]): Target {
  const runs = samples.filter((s) => s.variant === variant.name);
  const failed = runs.filter((s) => s.exitCode !== 0).length;
  const rateLimited = runs.reduce((sum, s) => sum + s.rateLimited, 0);
  const maxWindow = Math.max(0, ...runs.map((s) => busiestWindow(s.callTimes)));
  return {
    name: "client-side limiter: every run within 300 calls / 5 min, none failed",
    provider: variant.label,
    target: `≤ ${quota.max} calls in any 5 min of a run, 0 failed runs`,
    figure: `max ${maxWindow} calls in 5 min of one run; ${rateLimited} rate-limited answers; ${failed} of ${runs.length} runs failed`,
    status: maxWindow <= quota.max && failed === 0 ? "pass" : "FAIL",
    note: `a run makes at most N+1 calls, so the limiter never has to wait below N = ${quota.max}`,
  };
}

function quotaTarget(check: QuotaCheck): Target {
  const failed = check.commands.filter((command) => command.exitCode !== 0);
  const refused = check.commands.reduce((sum, command) => sum + command.rateLimited, 0);
  const total = check.commands.reduce((sum, command) => sum + command.calls, 0);
  const longest = check.commands.reduce((a, b) => (b.wallMs > a.wallMs ? b : a));
  const spread = total > quota.max && check.busiestWindow <= quota.max;
  return {
    name: `the same commands in a row under Comm100's quota, N=${check.n}`,
    provider: variantOf(check.variant).label,
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
