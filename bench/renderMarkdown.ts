import type { QuotaCheck, Results, VariantFigures } from "./benchFigures";
import { formatCallsByRoute, formatDuration } from "./formatFigures";
import { machineLine } from "./machine";
import { quota } from "./quota";
import { variants } from "./variants";

/** The tables, as markdown (also readable as printed to the console). */
export function renderMarkdown(results: Results): string {
  const { settings, machine } = results;
  const repeats = settings.sizes
    .map(
      (n, i) =>
        `N=${n}: ${settings.repeats[i] === 1 ? "1 run" : `median of ${settings.repeats[i]}`}`,
    )
    .join(", ");
  const time = (figures?: VariantFigures) =>
    figures ? `${(figures.medianMs / 1000).toFixed(1)} s${figures.ok ? "" : " ⚠"}` : "–";
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
      `${settings.latencyMs} ms, \`--parallel\` ${settings.parallel}. Wall time per command (${repeats}); ` +
      "`up` and `destroy` run with `--skip-preview`. ⚠: the command did not report the expected changes.",
    "",
    `Machine: ${machineLine(machine)}.`,
    "",
    table(
      [
        "N",
        "command",
        "pulumi-comm100",
        "engine floor",
        "ours / floor",
        "textbook",
        "API calls, ours",
        "API calls, textbook",
        "provider peak RSS MiB (ours / floor / textbook)",
        "provider CPU s (ours / floor / textbook)",
      ],
      results.steps.map((row) => [
        String(row.n),
        row.label,
        time(row.variants.ours),
        time(row.variants.floor),
        row.oursToFloor === undefined ? "–" : row.oursToFloor.toFixed(2),
        time(row.variants.textbook),
        calls(row.variants.ours),
        calls(row.variants.textbook),
        `${rss(row.variants.ours)} / ${rss(row.variants.floor)} / ${rss(row.variants.textbook)}`,
        `${cpu(row.variants.ours)} / ${cpu(row.variants.floor)} / ${cpu(row.variants.textbook)}`,
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
        variants.find((v) => v.name === s.variant)?.label ?? s.variant,
        String(s.stateBytes),
        String(s.bytesPerResource),
        String(s.providerBytes),
        s.tokenInPlaintext ? "**yes, in plaintext**" : "no",
      ]),
    ),
    "",
    ...(results.quotaCheck ? quotaSection(results.quotaCheck) : []),
    table(
      ["target", "wanted", "measured", "result"],
      results.targets.map((t) => [
        t.name,
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
    `The same commands for pulumi-comm100, N=${check.n}, one after the other, against the emulator ` +
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
