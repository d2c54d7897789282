// From a plan to a makelaar world file (the mock's config format, see
// docs/makelaar.md): each person a TEST identity with an EH3 middel, the
// machtiging "Mijn DUO voor zakelijke klanten" for their organisation, and a
// Mijn DUO token account with their roles and BRIN, so a beheerder can rehearse
// the switch. Names and e-mail addresses are personal data: pseudonymised
// unless asked otherwise. KvK numbers, RSINs, passwords and codes are INVENTED.
import type { DuoSector } from "../known-overstappen.ts";
import { organisationLabel } from "./export.ts";
import type { Organisation } from "./overview.ts";
import { MIJN_DUO, type Decision, type Plan, type PlannedPerson } from "./plan.ts";

export interface WorldFileOptions {
  /** Keep the overview's names, e-mail addresses and inlognamen (personal data). */
  readonly realNames?: boolean;
  /** Who becomes an identity; everyone when absent. */
  readonly decisions?: readonly Decision[];
  /** The DUO sector of every token account; "roc" by default. */
  readonly sector?: DuoSector;
}

export interface WorldFileSelection {
  readonly role: string;
  readonly kind?: string;
  readonly value?: string;
}

export interface WorldFileUser {
  readonly id: string;
  readonly name: string;
  readonly middel: {
    readonly level: string;
    readonly password: string;
    readonly secondFactor: string;
  };
  readonly organisations: readonly {
    readonly kvk: string;
    readonly machtigingen: readonly { readonly service: string; readonly level: string }[];
  }[];
  readonly duo: {
    readonly inlognaam: string;
    readonly wachtwoord: string;
    readonly tokenCode: string;
    readonly sector: DuoSector;
    readonly roles: readonly string[];
    readonly selections: readonly WorldFileSelection[];
    readonly brin: string;
    readonly email?: string;
    readonly lastLogin?: string;
    readonly loginMeans?: string;
  };
}

export interface WorldFile {
  readonly organisations: readonly {
    readonly kvk: string;
    readonly rsin: string;
    readonly name: string;
  }[];
  readonly users: readonly WorldFileUser[];
}

/** A number from text, the same every run (FNV-1a), for invented identifiers. */
function stableNumber(text: string, modulo: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % modulo;
}

const digits = (n: number, width: number): string => String(n).padStart(width, "0");

function brinOf(person: PlannedPerson): string {
  const fromOrganisation = person.organisations.find((o) => /^brin/i.test(o.kind) && o.code !== "");
  if (fromOrganisation) return fromOrganisation.code;
  const fromSelection = person.roles.find(
    (r) => /^brin/i.test(r.selectionKind) && r.selectionValue !== "",
  );
  if (fromSelection) return fromSelection.selectionValue;
  return person.organisations[0]?.code || "onbekend";
}

const slug = (text: string): string =>
  text
    .normalize("NFKD")
    .replace(/[^\w.+-]+/g, "")
    .slice(0, 40);

export function planToWorld(plan: Plan, options: WorldFileOptions = {}): WorldFile {
  const decisions = options.decisions ? new Set(options.decisions) : undefined;
  const sector = options.sector ?? "roc";
  const persons = plan.persons.filter((p) => !decisions || decisions.has(p.decision));

  // One invented organisation per organisation code in the overview.
  const organisations = new Map<string, { kvk: string; rsin: string; name: string }>();
  const usedKvk = new Set<string>();
  const organisationFor = (o: Organisation | undefined) => {
    const label = o ? organisationLabel(o) : "";
    let found = organisations.get(label);
    if (!found) {
      let n = stableNumber(label, 1_000_000);
      while (usedKvk.has(`99${digits(n, 6)}`)) n = (n + 1) % 1_000_000;
      const kvk = `99${digits(n, 6)}`;
      usedKvk.add(kvk);
      found = {
        kvk,
        rsin: `99${digits(stableNumber(`rsin ${label}`, 10_000_000), 7)}`,
        name: `TEST organisatie ${label || "zonder code"} (verzonnen KvK)`,
      };
      organisations.set(label, found);
    }
    return found;
  };

  const usedIds = new Set<string>();
  const users = persons.map((p, i): WorldFileUser => {
    const number = digits(i + 1, 3);
    let id = options.realNames ? `duo-${slug(p.globalId) || number}` : `persoon-${number}`;
    while (usedIds.has(id)) id = `${id}-${number}`;
    usedIds.add(id);
    const organisation = organisationFor(p.organisations[0]);
    const roles = [...new Set(p.roles.map((r) => r.role))];
    const selections = p.roles.map((r) => ({
      role: r.role,
      ...(r.selectionKind ? { kind: r.selectionKind } : {}),
      ...(r.selectionValue ? { value: r.selectionValue } : {}),
    }));
    const email = options.realNames ? p.email : `persoon-${number}@example.test`;
    return {
      id,
      name: options.realNames ? p.name : `Testpersoon ${number}`,
      middel: {
        level: MIJN_DUO.to,
        password: `Test-${number}-wachtwoord`,
        secondFactor: digits(stableNumber(`${id} sms`, 1_000_000), 6),
      },
      organisations: [
        {
          kvk: organisation.kvk,
          machtigingen: [{ service: MIJN_DUO.service, level: MIJN_DUO.to }],
        },
      ],
      duo: {
        inlognaam: options.realNames && p.loginName ? p.loginName : `persoon${number}`,
        wachtwoord: `Duo-${number}-test`,
        tokenCode: digits(stableNumber(`${id} token`, 1_000_000), 6),
        sector,
        roles,
        selections,
        brin: brinOf(p),
        ...(email ? { email } : {}),
        ...(p.lastLogin ? { lastLogin: p.lastLogin } : {}),
        ...(p.loginMeans ? { loginMeans: p.loginMeans } : {}),
      },
    };
  });
  return { organisations: [...organisations.values()], users };
}

// ---- YAML -------------------------------------------------------------------------

type Plain =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly Plain[]
  | { readonly [key: string]: Plain };

// Every string double-quoted: JSON's string escapes are YAML's, so no value
// (a name like "yes", "0612", "#1" or ": x") can change type or meaning.
function scalar(value: string | number | boolean | null): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function emit(value: Plain, indent: string, lines: string[], prefix: string): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      lines.push(`${prefix}[]`);
      return;
    }
    if (prefix.trim() !== "") lines.push(prefix.trimEnd());
    for (const item of value as readonly Plain[]) emit(item, `${indent}  `, lines, `${indent}- `);
    return;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) {
      lines.push(`${prefix}{}`);
      return;
    }
    let first = true;
    const nested = prefix.trim() !== "" && !prefix.trimEnd().endsWith("-");
    if (nested) lines.push(prefix.trimEnd());
    const childIndent = nested ? `${indent}` : indent;
    for (const [key, v] of entries) {
      const keyPrefix = first && !nested ? prefix : childIndent;
      first = false;
      const head = `${keyPrefix}${/^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key)}:`;
      emit(v, `${childIndent}  `, lines, `${head} `);
    }
    return;
  }
  lines.push(`${prefix}${scalar(value as string | number | boolean | null)}`);
}

/** Block-style YAML of plain data; the config loader reads it as written. */
export function toYaml(value: Plain, comment = ""): string {
  const lines: string[] = comment
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => `# ${l}`);
  emit(value, "", lines, "");
  return `${lines.join("\n")}\n`;
}

export function worldToYaml(world: WorldFile, note: string): string {
  return toYaml(world as unknown as Plain, note);
}
