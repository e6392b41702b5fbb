import type { QuotaCheck, Results, StepFigures, VariantFigures } from "./benchFigures";
import { formatCallsByRoute, formatDuration } from "./formatFigures";
import { machineLine } from "./machine";
import { quota } from "./quota";
import { variantOf, variants, type Variant } from "./variants";

/** The tables, as markdown (also readable as printed to the console). */
export function renderMarkdown(results: Results): string {
  const { settings, machine } = results;
  const repeats = settings.sizes
    .map(
      (n, i) =>
        `N=${n}: ${settings.repeats[i] === 1 ? "1 run" : `median of ${settings.repeats[i]}`}`,
    )
    .join(", ");
  const shown = variants.filter((variant) => settings.variants.includes(variant.name));
  const callers = shown.filter((variant) => variant.callsApi);
  const names = shown.map((variant) => variant.name).join(" / ");
  const comparedToFloor = (variant: Variant) =>
    variant.name !== "floor" && settings.variants.includes("floor");
  const time = (row: StepFigures, variant: Variant) => {
    const figures = row.variants[variant.name];
    if (!figures) return "–";
    const ratio = row.toFloor[variant.name];
    return (
      `${(figures.medianMs / 1000).toFixed(1)} s` +
      (ratio === undefined ? "" : ` (${ratio.toFixed(2)})`) +
      (figures.ok ? "" : " ⚠")
    );
  };
  const calls = (figures?: VariantFigures) => {
    if (!figures) return "–";
    const counts = [...new Set(figures.calls)].join("/");
    return counts === "0" ? "0" : `${counts}: ${formatCallsByRoute(figures.callsByRoute)}`;
  };
  const rss = (figures?: VariantFigures) =>
    figures?.providerPeakRssMb === undefined ? "–" : figures.providerPeakRssMb.toFixed(0);
  const cpu = (figures?: VariantFigures) =>
    figures?.providerCpuSeconds === undefined ? "–" : figures.providerCpuSeconds.toFixed(1);
  return [
    `Real \`pulumi\` CLI, local \`file://\` backend, emulated Comm100 API answering each call after ` +
      `${settings.latencyMs} ms, \`--parallel\` ${settings.parallel}. Wall time per command (${repeats}), ` +
      "in parentheses divided by the engine floor's; `up` and `destroy` run with `--skip-preview`. " +
      "⚠: the command did not report the expected changes.",
    "",
    `Machine: ${machineLine(machine)}.`,
    "",
    table(
      [
        "N",
        "command",
        ...shown.map((variant) => variant.label + (comparedToFloor(variant) ? " (× floor)" : "")),
        ...callers.map((variant) => `API calls, ${variant.label}`),
        `provider peak RSS MiB (${names})`,
        `provider CPU s (${names})`,
      ],
      results.steps.map((row) => [
        String(row.n),
        row.label,
        ...shown.map((variant) => time(row, variant)),
        ...callers.map((variant) => calls(row.variants[variant.name])),
        shown.map((variant) => rss(row.variants[variant.name])).join(" / "),
        shown.map((variant) => cpu(row.variants[variant.name])).join(" / "),
      ]),
    ),
    "",
    table(
      [
        "N",
        "provider",
        "state bytes after create",
        "bytes / resource",
        "`__provider` bytes",
        "token in state",
      ],
      results.state.map((s) => [
        String(s.n),
        variantOf(s.variant).label,
        String(s.stateBytes),
        String(s.bytesPerResource),
        s.providerBytes === undefined ? "n.a." : String(s.providerBytes),
        s.tokenInPlaintext ? "**yes, in plaintext**" : "no",
      ]),
    ),
    "",
    ...(results.quotaCheck ? quotaSection(results.quotaCheck) : []),
    table(
      ["target", "provider", "wanted", "measured", "result"],
      results.targets.map((t) => [
        t.name,
        t.provider,
        t.target,
        t.figure + (t.note ? ` (${t.note})` : ""),
        t.status,
      ]),
    ),
    "",
    `Total: ${formatDuration(results.totalSeconds)} (setup ${formatDuration(results.setupSeconds)}).`,
    "",
  ].join("\n");
}

function quotaSection(check: QuotaCheck): string[] {
  return [
    `The same commands for ${variantOf(check.variant).label}, N=${check.n}, one after the other, against the emulator ` +
      `enforcing Comm100's quota (${quota.max} calls / ${quota.windowMs / 60_000} min, answered 403):`,
    "",
    table(
      ["command", "exit", "API calls", "answered 403 quota exceeded", "time"],
      check.commands.map((command) => [
        command.label,
        String(command.exitCode),
        String(command.calls),
        String(command.rateLimited),
        `${(command.wallMs / 1000).toFixed(1)} s`,
      ]),
    ),
    "",
  ];
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
