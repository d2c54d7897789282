// npm run bench:startup: how fast the makelaar starts from an installed
// package, as a team runs it (`npx eh-overstap makelaar --port 0`). Builds
// and packs this checkout, installs the tarball into a temporary project,
// then starts the makelaar RUNS times each way (in rounds) and prints the medians:
//   bin   node_modules/.bin/eh-overstap (bundled JavaScript, no TypeScript loader)
//   npx   npx eh-overstap (the bin plus npm's own start-up)
// and, for reference, what no makelaar can beat on this machine:
//   node  Node alone, starting an HTTP server that only listens
// When NODE_EXTRA_CA_CERTS is set (Node then reads and parses that file of
// certificates at every start), the bin and node once more without it.
// Last, where the bin's CPU time goes: bench/startup-probe.ts, bundled as
// the bin is, loads the start's parts one by one and times each.
// Figures: from spawning the process to the makelaar's "Ready at" line (wall
// time, npm's start included for npx), from the process's own start to
// listening (as the makelaar reports it), and the CPU time it used by then.
// On a busy machine wall times grow, CPU time less. Target: start to
// listening < 300 ms.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { BIN_BUNDLE_OPTIONS } from "../scripts/bundle-options.ts";

const RUNS = Number(process.env["BENCH_RUNS"] ?? 15);
const root = fileURLToPath(new URL("..", import.meta.url));

function step(what: string, command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${String(result.status)})`);
}

interface Start {
  /** From spawning the process to its Ready line. */
  wallMs: number;
  /** From the process's own start to listening, as the makelaar reports it. */
  listeningMs: number;
  cpuMs: number;
}

interface Way {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** The makelaars running now, each in its own process group. */
const running = new Set<ChildProcess>();

/** Stops the process and every process it started (npx does not pass SIGTERM on to its child). */
function stopGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
}

process.once("SIGINT", () => {
  for (const child of running) stopGroup(child);
  process.exit(130);
});

/** Starts the makelaar, waits for its Ready line, stops it; wall and CPU time to listening. */
function startOnce(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Start> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    });
    running.add(child);
    let output = "";
    let start: Start | undefined;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      if (start) return;
      output += chunk;
      const ready = /Ready at \S+ in (\d+) ms .*?CPU (\d+) ms/.exec(output);
      if (!ready) return;
      start = {
        wallMs: performance.now() - started,
        listeningMs: Number(ready[1]),
        cpuMs: Number(ready[2]),
      };
      stopGroup(child);
    });
    child.once("error", reject);
    // "close", not "exit": every process of the group has let go of its stdout.
    child.once("close", (code) => {
      running.delete(child);
      if (start) resolve(start);
      else reject(new Error(`${command} exited (${code}) before it was ready`));
    });
  });
}

/** Node alone: an HTTP server that only listens, reporting as the makelaar does. */
const NODE_ALONE = `
import { createServer } from "node:http";
const server = createServer().listen(0, "127.0.0.1", () => {
  const cpu = process.cpuUsage();
  console.log(\`Ready at http://127.0.0.1:\${server.address().port} in \${Math.round(performance.now())} ms (CPU \${Math.round((cpu.user + cpu.system) / 1000)} ms)\`);
});
process.once("SIGTERM", () => server.close());
`;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

const project = mkdtempSync(join(tmpdir(), "eh-overstap-startup-"));
try {
  console.log("bench:startup: build the kit, pack, install the tarball…");
  step("build the kit", "npm", ["run", "--silent", "build:kit"], root);
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
  const makelaar = ["makelaar", "--port", "0"];
  // The first start generates the makelaar's TEST keys: not what we time.
  await startOnce(bin, makelaar, project);

  const withoutExtraCas = { ...process.env };
  delete withoutExtraCas["NODE_EXTRA_CA_CERTS"];
  const ways: Way[] = [
    { label: "node", command: process.execPath, args: ["--input-type=module", "-e", NODE_ALONE] },
    { label: "bin", command: bin, args: makelaar },
    { label: "npx", command: "npx", args: ["eh-overstap", ...makelaar] },
  ];
  if (process.env["NODE_EXTRA_CA_CERTS"]) {
    ways.push(
      { ...ways[0]!, label: "node without NODE_EXTRA_CA_CERTS", env: withoutExtraCas },
      { ...ways[1]!, label: "bin without NODE_EXTRA_CA_CERTS", env: withoutExtraCas },
    );
  }
  // Round by round, each way once per round, so a change in the machine's
  // load over the run weighs on every way alike.
  const runsOf = new Map<Way, Start[]>(ways.map((way) => [way, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const way of ways) {
      runsOf.get(way)!.push(await startOnce(way.command, way.args, project, way.env));
    }
  }
  for (const [{ label }, runs] of runsOf) {
    const wall = runs.map((r) => r.wallMs);
    const listening = runs.map((r) => r.listeningMs);
    console.log(
      `${label}: spawn to Ready line: median ${median(wall).toFixed(0)} ms (min ${Math.min(...wall).toFixed(0)}, max ${Math.max(...wall).toFixed(0)}); process start to listening: median ${median(listening).toFixed(0)} ms (min ${Math.min(...listening).toFixed(0)}); CPU by then: median ${median(runs.map((r) => r.cpuMs)).toFixed(0)} ms; ${RUNS} runs`,
    );
  }

  // Inside the installed package, so the probe finds its root and TEST keys.
  const probeFolder = join(project, "node_modules", "eh-overstap", "bench-probe");
  await build({
    absWorkingDir: root,
    entryPoints: ["bench/startup-probe.ts"],
    outdir: probeFolder,
    ...BIN_BUNDLE_OPTIONS,
  });
  const probes: Record<string, number>[] = [];
  for (let i = 0; i < RUNS; i++) {
    const probe = spawnSync(process.execPath, [join(probeFolder, "startup-probe.js")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    if (probe.status !== 0) throw new Error(`the start-up probe failed (exit ${probe.status})`);
    probes.push(JSON.parse(probe.stdout) as Record<string, number>);
  }
  const parts = Object.keys(probes[0] ?? {}).map(
    (part) => `${part} ${median(probes.map((p) => p[part] ?? NaN)).toFixed(0)} ms`,
  );
  console.log(`where the bin's CPU time goes (medians of ${RUNS}): ${parts.join(", ")}`);
} finally {
  rmSync(project, { recursive: true, force: true });
}
