// npm run planner -- <file> [--date YYYY-MM-DD] [--inactive-months N] [--price EUR]
//                          [--json] [--csv out.csv] [--xlsx out.xlsx] [--world out.yaml] [--real-names]
// Reads DUO's overview of Mijn DUO users (TSV, CSV or XLSX) and prints the
// overstap plan per person; writes the machtigingenbeheerder's checklist and a
// makelaar world file to rehearse it. Exit 0 done, 1 the file cannot be
// planned, 2 wrong usage. Nothing leaves this machine.
import { readFile, stat, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  checklistCsv,
  checklistXlsx,
  DEFAULT_INACTIVE_MONTHS,
  formatIssue,
  isIsoDay,
  MAX_OVERVIEW_BYTES,
  parseOverview,
  planOverview,
  planToJson,
  PlannerError,
  checkSize,
  type Plan,
} from "../eherkenning/planner/index.ts";
import { planToWorld, worldToYaml } from "../eherkenning/planner/world.ts";

const USAGE =
  "usage: npm run planner -- <file> [--date YYYY-MM-DD] [--inactive-months N] [--price EUR] [--json] [--csv out.csv] [--xlsx out.xlsx] [--world out.yaml] [--real-names]";

class UsageError extends Error {}

const DECISION_WORDS = {
  "needs-middel": "needs an EH3 middel and the machtiging",
  review: "review: still needed?",
  switched: "switched (eHerkenning)",
} as const;

const euro = (n: number): string => `EUR ${n.toFixed(2)}`;

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function report(plan: Plan): string {
  const s = plan.summary;
  const rows = [
    ["name", "roles", "last login", "login means", "decision"],
    ...plan.persons.map((p) => [
      `${p.beheerder ? "* " : ""}${p.name}`,
      [...new Set(p.roles.map((r) => r.role))].join(", "),
      p.lastLogin ?? "never",
      p.loginMeans ?? "-",
      DECISION_WORDS[p.decision],
    ]),
  ];
  const lines = [
    table(rows),
    "",
    `* beheerder: switches the organisation's users, so goes first`,
    `Plan as of ${s.asOf}; inactive = no login since ${s.activeSince} (${s.inactiveMonths} months).`,
    `${s.persons} persons: ${s.byDecision["needs-middel"]} need a middel, ${s.byDecision.review} to review, ${s.byDecision.switched} switched.`,
    `To request: ${s.middelenToBuy} x eHerkenning ${s.level} middel and the machtiging "${s.machtiging}" (${s.provider}).`,
  ];
  if (s.costs) {
    lines.push(
      `Yearly cost at ${euro(s.costs.pricePerMiddel)} per middel: ${euro(s.costs.yearlyCost)}; with every review account ${euro(s.costs.yearlyCostIncludingReview)}; removing the review accounts saves ${euro(s.costs.savingByRemovingReview)} a year.`,
    );
  }
  return lines.join("\n");
}

function numberOption(
  value: string | undefined,
  what: string,
  test: (n: number) => boolean,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(",", "."));
  if (value.trim() === "" || !test(n)) throw new UsageError(`${what}, got "${value}"`);
  return n;
}

/** Returns the exit code; prints one clear line on failure. */
export async function main(argv: string[]): Promise<number> {
  let file: string;
  let values;
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        date: { type: "string" },
        "inactive-months": { type: "string" },
        price: { type: "string" },
        json: { type: "boolean" },
        csv: { type: "string" },
        xlsx: { type: "string" },
        world: { type: "string" },
        "real-names": { type: "boolean" },
        help: { type: "boolean" },
      },
    });
    values = parsed.values;
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    const [first, ...extra] = parsed.positionals;
    if (!first || extra.length > 0) throw new UsageError("give exactly one overview file");
    file = first;
    if (values.date !== undefined && !isIsoDay(values.date))
      throw new UsageError(`--date must be a day as YYYY-MM-DD, got "${values.date}"`);
  } catch (error) {
    console.error(`planner: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  let inactiveMonths: number | undefined;
  let price: number | undefined;
  try {
    inactiveMonths = numberOption(
      values["inactive-months"],
      "--inactive-months must be a whole number of months from 1 to 600",
      (n) => Number.isInteger(n) && n >= 1 && n <= 600,
    );
    price = numberOption(
      values.price,
      "--price must be an amount in euros per middel per year, such as 30 or 29.50",
      (n) => Number.isFinite(n) && n >= 0 && n <= 1_000_000,
    );
  } catch (error) {
    console.error(`planner: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  try {
    const info = await stat(file);
    if (!info.isFile()) throw new PlannerError({ file }, "not a file");
    checkSize(file, info.size, MAX_OVERVIEW_BYTES);
    const overview = parseOverview(file, new Uint8Array(await readFile(file)));
    const plan = planOverview(overview, {
      ...(values.date ? { asOf: values.date } : {}),
      inactiveMonths: inactiveMonths ?? DEFAULT_INACTIVE_MONTHS,
      ...(price !== undefined ? { pricePerMiddel: price } : {}),
    });
    // Row problems go to stderr, so --json output stays clean JSON.
    for (const issue of overview.issues.filter((i) => i.kind !== "cut"))
      console.error(`planner: ${formatIssue(issue)}`);
    const cut = overview.issues.filter((i) => i.kind === "cut").length;
    if (cut > 0)
      console.error(
        `planner: ${cut} value${cut === 1 ? " was" : "s were"} cut short in the file and read as their likely whole (see "cut" per person in --json)`,
      );

    if (values.json) console.log(JSON.stringify(planToJson(plan), null, 2));
    else console.log(report(plan));

    const written: string[] = [];
    if (values.csv) {
      await writeFile(values.csv, checklistCsv(plan));
      written.push(`checklist ${values.csv}`);
    }
    if (values.xlsx) {
      await writeFile(values.xlsx, checklistXlsx(plan));
      written.push(`checklist ${values.xlsx}`);
    }
    if (values.world) {
      const realNames = values["real-names"] === true;
      const world = planToWorld(plan, { realNames });
      const note = [
        `TEST WORLD for the eh-overstap mock makelaar, written by npm run planner from ${file} (plan as of ${plan.summary.asOf}).`,
        "KvK numbers, RSINs, passwords and codes are INVENTED; load it with: npm start -- --config <this file>",
        realNames
          ? "It holds REAL names and e-mail addresses from the overview (--real-names): personal data, keep it private."
          : "Names and e-mail addresses are pseudonymised (Testpersoon 001 ...), in the plan's order.",
      ].join("\n");
      await writeFile(values.world, worldToYaml(world, note));
      written.push(`world ${values.world} (${world.users.length} test identities)`);
    }
    if (written.length > 0) console.error(`planner: wrote ${written.join(", ")}`);
    return 0;
  } catch (error) {
    if (error instanceof PlannerError) {
      console.error(`planner: ${error.message}`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    const path = (error as NodeJS.ErrnoException).path ?? file;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EACCES"
          ? "permission denied"
          : code === "EISDIR"
            ? "is a directory"
            : (error as Error).message;
    console.error(`planner: ${path}: ${reason}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
