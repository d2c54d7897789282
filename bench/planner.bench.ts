// How fast the overstapplanner reads and plans DUO's overview: 50,000 rows
// (about 1,500 persons, INVENTED test data) as TSV and as XLSX, in Node (the
// shared module, as npm run planner uses it) and in the extension's planner
// page in headless Chromium (the time the page itself measures around reading
// and planning). Run with `npm run bench:planner` (builds first).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeOverviewTsv, writeOverviewXlsx } from "../eherkenning/planner/export.ts";
import { syntheticOverviewRows } from "../eherkenning/planner/fixtures.ts";
import { parseOverview } from "../eherkenning/planner/overview.ts";
import { planOverview } from "../eherkenning/planner/plan.ts";
import { backgroundOf, launchWithExtension } from "../extension/testing/fixtures.ts";

const ROWS = 50_000;
const RUNS = Number(process.env["BENCH_RUNS"] ?? 7);

const rows = syntheticOverviewRows(1_500, 34).slice(0, ROWS);
const files = {
  tsv: new TextEncoder().encode(writeOverviewTsv(rows)),
  xlsx: writeOverviewXlsx(rows),
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;
const fmt = (values: number[]): string =>
  `median ${Math.round(median(values))} ms (min ${Math.round(Math.min(...values))}, max ${Math.round(Math.max(...values))}, ${values.length} runs)`;

console.log(
  `Overview: ${ROWS.toLocaleString("en")} rows; TSV ${mb(files.tsv.length)}, XLSX ${mb(files.xlsx.length)}`,
);

// Node.
for (const [format, bytes] of Object.entries(files)) {
  let persons = 0;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const plan = planOverview(parseOverview(`bench.${format}`, bytes), { asOf: "2024-06-01" });
    const t1 = performance.now();
    const c = process.cpuUsage(c0);
    persons = plan.summary.persons;
    if (run === 0) continue; // warm-up
    wall.push(t1 - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  console.log(
    `Node     ${format.padEnd(4)} ${persons} persons: wall ${fmt(wall)}; CPU median ${Math.round(median(cpu))} ms`,
  );
}

// The extension page.
const dir = await mkdtemp(join(tmpdir(), "planner-bench-"));
const context = await launchWithExtension("");
try {
  const background = await backgroundOf(context);
  const id = new URL(background.url()).host;
  for (const [format, bytes] of Object.entries(files)) {
    const file = join(dir, `overzicht.${format}`);
    await writeFile(file, bytes);
    const times: number[] = [];
    const cpu: number[] = [];
    let persons = "";
    for (let run = 0; run <= RUNS; run++) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${id}/planner/planner.html`);
      await page.locator("#planner-date").fill("2024-06-01");
      // The renderer main thread's CPU time (Chromium's ThreadTime metric), so
      // a busy machine does not count: reading, planning and drawing the table.
      const cdp = await context.newCDPSession(page);
      await cdp.send("Performance.enable");
      const threadTime = async (): Promise<number> =>
        (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "ThreadTime")
          ?.value ?? NaN;
      const before = await threadTime();
      await page.locator("#planner-file").setInputFiles(file);
      const status = page.locator("#planner-status[data-ms]");
      await status.waitFor({ timeout: 60_000 });
      await page.locator("#planner-shown").waitFor();
      const after = await threadTime();
      const ms = Number(await status.getAttribute("data-ms"));
      persons = (await page.locator("#planner-shown").textContent()) ?? "";
      await page.close();
      if (run > 0) {
        times.push(ms);
        cpu.push((after - before) * 1000);
      }
    }
    console.log(
      `Chromium ${format.padEnd(4)} ${persons}: in-page wall ${fmt(times)}; main-thread CPU median ${Math.round(median(cpu))} ms (read, plan and draw)`,
    );
  }
} finally {
  await context.close();
  await rm(dir, { recursive: true, force: true });
}
console.log("Target: under 1,000 ms to read and plan 50,000 rows.");
