// The "Overzicht Mijn DUO gebruikers" a beheerder BVE downloads from the replica:
// the world's Mijn DUO accounts of the beheerder's BRIN in DUO's columns, one row
// per person x role x selection (the shape DUO sent beheerders for the overstap;
// see SERVICES.md). GLOBALIDs and token ids are INVENTED from the person's id;
// the last login is the one this replica saw, else the world's.
import type { OverviewRow } from "../../../eherkenning/planner/export.ts";
import type { DuoAccount, DuoRoleSelection, Person } from "../../world/model.ts";

export interface SeenLogin {
  /** The business day of the login, YYYY-MM-DD. */
  readonly day: string;
  readonly means: "DUO Token" | "eHerkenning";
}

// Dutch surname prefixes (voorvoegsels), longest first so "van der" wins over "van".
const PREFIXES = [
  "van der",
  "van den",
  "van de",
  "in 't",
  "van 't",
  "van",
  "de",
  "der",
  "den",
  "het",
  "ten",
  "ter",
  "te",
  "'t",
];

/** "Jan de Vries" -> J. / de / Vries; the first word is the given name. */
export function splitDutchName(name: string): {
  initials: string;
  prefix: string;
  surname: string;
} {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return { initials: "", prefix: "", surname: words[0] ?? "" };
  const initials = `${(words[0] ?? "").charAt(0).toUpperCase()}.`;
  const rest = words.slice(1).join(" ");
  const prefix = PREFIXES.find((p) => rest.startsWith(`${p} `) && rest.length > p.length + 1) ?? "";
  return { initials, prefix, surname: prefix ? rest.slice(prefix.length + 1) : rest };
}

/** An invented, stable six-digit GLOBALID for a person of the simulation. */
export function inventedGlobalId(personId: string): string {
  let hash = 17;
  for (const char of personId) hash = (hash * 131 + char.charCodeAt(0)) % 900_000;
  return String(100_000 + hash);
}

export const isBeheerderBve = (account: DuoAccount | undefined): boolean =>
  account?.roles.some((r) => r.toLowerCase() === "beheerder bve") ?? false;

export function usersOverviewRows(
  persons: readonly Person[],
  brin: string,
  seen: ReadonlyMap<string, SeenLogin>,
): OverviewRow[] {
  const rows: OverviewRow[] = [];
  for (const person of persons) {
    const account = person.duo;
    if (!account || account.brin !== brin) continue;
    const name = splitDutchName(person.name);
    const login = seen.get(person.id);
    const lastLogin = login?.day ?? account.lastLogin ?? "";
    const means = login?.means ?? account.loginMeans ?? (lastLogin ? "DUO Token" : "");
    const selections: readonly DuoRoleSelection[] = account.selections?.length
      ? account.selections
      : account.roles.map((role) => ({ role }));
    const globalId = inventedGlobalId(person.id);
    for (const s of selections) {
      rows.push({
        organisationType: "BRINn",
        organisationCode: account.brin,
        globalId,
        surname: name.surname,
        initials: name.initials,
        prefix: name.prefix,
        phone: "",
        email: account.email ?? "",
        role: s.role,
        selectionKind: s.kind ?? "",
        selectionValue: s.value ?? "",
        lastLogin,
        loginName: account.inlognaam,
        tokenId: `T${globalId}`,
        channel: means === "eHerkenning" ? "EHERKENNING" : means ? "TOKEN" : "",
        loginMeans: means,
      });
    }
  }
  return rows;
}
