// npm run lint ends with this check: no import circles among our TypeScript
// files, type-only imports included (a type circle still ties two files
// together). Prints each circle as a chain of files and exits 1 when there is
// one.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^;]*?\sfrom\s+)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** The relative modules a file imports (its own path joined), without query suffixes. */
export function importsOf(file: string, source: string): string[] {
  const found: string[] = [];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  for (const match of code.matchAll(IMPORT)) {
    const specifier = (match[1] ?? match[2] ?? "").split("?")[0] ?? "";
    if (specifier.startsWith(".")) found.push(normalize(join(dirname(file), specifier)));
  }
  return found;
}

/** Every circle in the graph (Tarjan's strongly connected components), as file lists. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      const selfImport = (graph.get(node) ?? []).includes(node);
      if (component.length > 1 || selfImport) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** The import graph of the repository's tracked TypeScript files. */
export function repositoryGraph(root: string): Map<string, string[]> {
  const files = execFileSync(
    "git",
    ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts"],
    {
      cwd: root,
      encoding: "utf8",
    },
  )
    .split("\n")
    .filter((file) => file.endsWith(".ts") && !file.startsWith("e2e/example-consumer/"));
  return new Map(
    files.map((file) => {
      let source: string;
      try {
        source = readFileSync(join(root, file), "utf8");
      } catch {
        return [file, []]; // deleted but not yet staged
      }
      return [file, importsOf(file, source)];
    }),
  );
}

const invokedDirectly =
  process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (invokedDirectly) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const graph = repositoryGraph(root);
  const cycles = findCycles(graph);
  for (const cycle of cycles) console.error(`import circle: ${cycle.join(" <-> ")}`);
  if (cycles.length > 0) process.exit(1);
  console.log(`import-cycles: ${graph.size} files, no import circles`);
}
