// npm run bench:startup: how fast the makelaar starts from an installed
// package, as a team runs it (`npx eh-overstap makelaar --port 0`). Compiles
// and packs this checkout, installs the tarball into a temporary project,
// then starts the makelaar RUNS times each way and prints the medians:
//   bin   node_modules/.bin/eh-overstap (compiled JavaScript, no TypeScript loader)
//   npx   npx eh-overstap (the bin plus npm's own start-up)
// Each figure is from spawning the process to the makelaar's "Ready at" line
// (wall time), plus the CPU time the makelaar reports it used by then; on a
// busy machine the wall time grows, the CPU time much less. Target: < 300 ms.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const RUNS = Number(process.env["BENCH_RUNS"] ?? 15);
const root = fileURLToPath(new URL("..", import.meta.url));

function step(what: string, command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${String(result.status)})`);
}

interface Start {
  wallMs: number;
  cpuMs: number;
}

/** Starts the makelaar, waits for its Ready line, stops it; wall and CPU time to listening. */
function startOnce(command: string, args: string[], cwd: string): Promise<Start> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      output += chunk;
      const ready = /Ready at \S+ in \d+ ms .*?CPU (\d+) ms/.exec(output);
      if (!ready) return;
      const wallMs = performance.now() - started;
      child.kill("SIGTERM");
      child.once("exit", () => resolve({ wallMs, cpuMs: Number(ready[1]) }));
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (!/Ready at/.test(output))
        reject(new Error(`${command} exited (${code}) before it was ready`));
    });
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

const project = mkdtempSync(join(tmpdir(), "eh-overstap-startup-"));
try {
  console.log("bench:startup: compile the kit, pack, install the tarball…");
  step("compile", "npx", ["tsc", "-p", "tsconfig.kit.json"], root);
  const packs = join(project, "packs");
  mkdirSync(packs);
  step("pack", "npm", ["pack", "--silent", "--pack-destination", packs], root);
  const tarball = readdirSync(packs).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error("npm pack wrote no tarball");
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "startup-bench", private: true, type: "module" }),
  );
  step(
    "install",
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--no-package-lock",
      join(packs, tarball),
    ],
    project,
  );
  const bin = join(project, "node_modules", ".bin", "eh-overstap");
  // The first start generates the makelaar's TEST key if none is cached: not what we time.
  await startOnce(bin, ["makelaar", "--port", "0"], project);

  for (const [label, command, args] of [
    ["bin", bin, ["makelaar", "--port", "0"]],
    ["npx", "npx", ["eh-overstap", "makelaar", "--port", "0"]],
  ] as const) {
    const runs: Start[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await startOnce(command, [...args], project));
    const wall = runs.map((r) => r.wallMs);
    console.log(
      `${label.padEnd(4)} start to listening: median ${median(wall).toFixed(0)} ms (min ${Math.min(...wall).toFixed(0)}, max ${Math.max(...wall).toFixed(0)}), makelaar CPU median ${median(runs.map((r) => r.cpuMs)).toFixed(0)} ms, ${RUNS} runs`,
    );
  }
} finally {
  rmSync(project, { recursive: true, force: true });
}
