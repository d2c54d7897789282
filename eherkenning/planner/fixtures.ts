// TEST DATA. Invented people, codes and dates in the shape of DUO's overview of
// Mijn DUO users, for tests, the benchmark, the docs and the replica. No row
// describes a real person; BRIN code 99TT and bestuursnummer 99001 are ours.
import type { OverviewRow } from "./export.ts";

export const TEST_BRIN = "99TT";

const base = { organisationType: "BRINn", organisationCode: TEST_BRIN } as const;

/** A small overview: a beheerder, token users active and inactive, a switched user, a never-logged-in one. */
export const TEST_OVERVIEW_ROWS: readonly OverviewRow[] = [
  {
    ...base,
    globalId: "900001",
    surname: "Testbeheer",
    initials: "A.",
    email: "a.testbeheer@example.test",
    phone: "0612345678",
    role: "Beheerder BVE",
    selectionKind: "BRINn",
    selectionValue: TEST_BRIN,
    lastLogin: "2024-05-02 09:14:00",
    loginName: "atestbeheer",
    tokenId: "T-0001",
    channel: "TOKEN",
    loginMeans: "DUO Token",
  },
  {
    ...base,
    globalId: "900001",
    surname: "Testbeheer",
    initials: "A.",
    email: "a.testbeheer@example.test",
    phone: "0612345678",
    role: "Organisatiebeheerder",
    selectionKind: "",
    selectionValue: "",
    lastLogin: "2024-05-02 09:14:00",
    loginName: "atestbeheer",
    tokenId: "T-0001",
    channel: "TOKEN",
    loginMeans: "DUO Token",
  },
  {
    ...base,
    globalId: "900002",
    surname: "Voorbeeld",
    prefix: "van der",
    initials: "B.C.",
    email: "bc.voorbeeld@example.test",
    role: "Examensecretaris BVE",
    selectionKind: "onderwijssoort",
    selectionValue: "VO",
    lastLogin: "2024-03-15",
    loginName: "bvoorbeeld",
    tokenId: "T-0002",
    channel: "TOKEN",
    loginMeans: "DUO Token",
  },
  {
    ...base,
    globalId: "900002",
    surname: "Voorbeeld",
    prefix: "van der",
    initials: "B.C.",
    email: "bc.voorbeeld@example.test",
    role: "DR_Raadpleger",
    selectionKind: "aanleverpunt",
    selectionValue: `${TEST_BRIN}00`,
    lastLogin: "2024-03-15",
    loginName: "bvoorbeeld",
    tokenId: "T-0002",
    channel: "TOKEN",
    loginMeans: "DUO Token",
  },
  {
    ...base,
    globalId: "900003",
    surname: "Slaper",
    initials: "D.",
    email: "d.slaper@example.test",
    role: "Gebruiker studentdossier",
    selectionKind: "bestuursnummer",
    selectionValue: "99001",
    lastLogin: "2022-11-30",
    loginName: "dslaper",
    tokenId: "T-0003",
    channel: "TOKEN",
    loginMeans: "DUO Token",
  },
  {
    ...base,
    globalId: "900004",
    surname: "Overgestapt",
    initials: "E.",
    email: "e.overgestapt@example.test",
    role: "DR_Raadpleger",
    selectionKind: "BRINn",
    selectionValue: TEST_BRIN,
    lastLogin: "2024-05-20",
    loginName: "eovergestapt",
    tokenId: "",
    channel: "EHERKENNING",
    loginMeans: "eHerkenning",
  },
  {
    ...base,
    globalId: "900005",
    surname: "Nooit",
    initials: "F.",
    email: "f.nooit@example.test",
    role: "Gebruiker studentdossier",
    selectionKind: "",
    selectionValue: "",
    lastLogin: "",
    loginName: "fnooit",
    tokenId: "T-0005",
    channel: "",
    loginMeans: "",
  },
];

const SURNAMES = [
  "Jansen",
  "de Vries",
  "van Dijk",
  "Bakker",
  "Visser",
  "Smit",
  "Meijer",
  "de Boer",
  "Mulder",
  "de Groot",
];
const ROLES = [
  "DR_Raadpleger",
  "Examensecretaris BVE",
  "Gebruiker studentdossier",
  "Beheerder BVE",
  "Organisatiebeheerder",
];
const SELECTIONS: readonly (readonly [string, string])[] = [
  ["BRINn", TEST_BRIN],
  ["onderwijssoort", "VO"],
  ["onderwijssoort", "BO"],
  ["aanleverpunt", `${TEST_BRIN}00`],
  ["bestuursnummer", "99001"],
  ["", ""],
];

/**
 * A large invented overview: `persons` people with about `rowsPerPerson` rows
 * each (roles x selections), a mix of switched, active, inactive and never.
 * Deterministic, so benchmark runs compare.
 */
export function syntheticOverviewRows(persons: number, rowsPerPerson: number): OverviewRow[] {
  const rows: OverviewRow[] = [];
  for (let i = 0; i < persons; i++) {
    const id = String(800_000 + i);
    const surname = `${SURNAMES[i % SURNAMES.length]} Test${i}`;
    const kind = i % 10;
    const month = String((i % 12) + 1).padStart(2, "0");
    const lastLogin =
      kind === 9 ? "" : kind >= 7 ? `2021-${month}-15 10:00:00` : `2024-${month}-1${i % 10}`;
    const loginMeans = kind === 9 ? "" : kind < 3 ? "eHerkenning" : "DUO Token";
    for (let r = 0; r < rowsPerPerson; r++) {
      const [selectionKind, selectionValue] = SELECTIONS[r % SELECTIONS.length] as readonly [
        string,
        string,
      ];
      rows.push({
        ...base,
        globalId: id,
        surname,
        initials: "T.",
        email: `test${i}@example.test`,
        phone: "0600000000",
        role: ROLES[(i + Math.floor(r / SELECTIONS.length)) % ROLES.length] as string,
        selectionKind,
        selectionValue:
          selectionValue === "" ? "" : `${selectionValue}${r >= SELECTIONS.length ? r : ""}`,
        lastLogin,
        loginName: `test${i}`,
        tokenId: `T-${id}`,
        channel: loginMeans === "eHerkenning" ? "EHERKENNING" : "TOKEN",
        loginMeans,
      });
    }
  }
  return rows;
}
