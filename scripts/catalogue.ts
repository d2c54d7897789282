// npm run catalogue -- <file> [--search <text>] [--json]
// Lists the services in a dienstencatalogus (ESC XML) file.
import { readFile, stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  CatalogueError,
  DEFAULT_MAX_CATALOGUE_BYTES,
  indexCatalogue,
  parseCatalogue,
  type CatalogueService,
} from "../eherkenning/index.ts";

const USAGE = "usage: npm run catalogue -- <file> [--search <text>] [--json]";

interface Row {
  provider: string;
  service: string;
  serviceUUID: string;
  serviceIDs: readonly string[];
  level: string;
  levelURN: string;
}

const toRow = (s: CatalogueService): Row => ({
  provider: s.provider,
  service: s.service,
  serviceUUID: s.serviceUUID,
  serviceIDs: s.serviceIDs,
  level: s.level,
  levelURN: s.levelURN,
});

function table(rows: readonly Row[]): string {
  const header = ["provider", "service", "serviceUUID", "serviceIDs", "level"];
  const cells = rows.map((r) => [
    r.provider,
    r.service,
    r.serviceUUID,
    r.serviceIDs.join(", "),
    r.level,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const line = (c: readonly string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

/** Returns the exit code; prints one clear line on failure. */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { search: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean" } },
    });
  } catch (error) {
    console.error(`catalogue: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    console.error(`catalogue: give exactly one catalogue file\n${USAGE}`);
    return 2;
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CatalogueError("not a file");
    if (info.size > DEFAULT_MAX_CATALOGUE_BYTES) {
      const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
      throw new CatalogueError(
        `the catalogue is ${mb(info.size)}, more than the ${mb(DEFAULT_MAX_CATALOGUE_BYTES)} limit`,
      );
    }
    const index = indexCatalogue(parseCatalogue(await readFile(file, "utf8")));
    const services = values.search === undefined ? index.services : index.search(values.search);
    const rows = services.map(toRow);
    if (values.json) console.log(JSON.stringify(rows, null, 2));
    else if (rows.length === 0)
      console.log(
        values.search ? `no service matches "${values.search}"` : "the catalogue lists no services",
      );
    else console.log(`${table(rows)}\n\n${rows.length} service${rows.length === 1 ? "" : "s"}`);
    return 0;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EACCES"
          ? "permission denied"
          : (error as Error).message;
    console.error(`catalogue: ${file}: ${reason}`);
    return 1;
  }
}
