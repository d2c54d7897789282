// The columns of DUO's "Overzicht Mijn DUO gebruikers" and how to recognise
// their headers: by the full name, or by a prefix when Excel's column width cut
// the header short (ORGANISA, ACHTERNA, INLOGMOM, KANAAL_M ...). Each column
// has a stem, the shortest start that still tells it apart from the others.

export type ColumnKey =
  | "organisationType"
  | "organisationCode"
  | "globalId"
  | "surname"
  | "initials"
  | "prefix"
  | "phone"
  | "email"
  | "role"
  | "selectionKind"
  | "selectionValue"
  | "lastLogin"
  | "loginName"
  | "tokenId"
  | "channel"
  | "loginMeans";

export interface ColumnSpec {
  readonly key: ColumnKey;
  /** The header as DUO writes it in full. */
  readonly name: string;
  readonly stem: string;
  readonly required: boolean;
}

// Two columns start with ORGANISATIE (the kind of organisation code and the
// code, e.g. "BRINn" and "25PX"): the first found is the kind, the second the code.
export const OVERVIEW_COLUMNS: readonly ColumnSpec[] = [
  { key: "organisationType", name: "ORGANISATIE", stem: "ORGA", required: false },
  { key: "organisationCode", name: "ORGANISATIE", stem: "ORGA", required: false },
  { key: "globalId", name: "GLOBALID", stem: "GLOBAL", required: true },
  { key: "surname", name: "ACHTERNAAM", stem: "ACHTER", required: true },
  { key: "initials", name: "VOORLETTERS", stem: "VOORL", required: false },
  { key: "prefix", name: "VOORVOEGSEL", stem: "VOORV", required: false },
  { key: "phone", name: "TELEFOONNUMMER", stem: "TELEF", required: false },
  { key: "email", name: "EMAILADRES", stem: "EMAIL", required: false },
  { key: "role", name: "ROL_MNEMONIC", stem: "ROL", required: true },
  { key: "selectionKind", name: "SELKMTYP", stem: "SELKMT", required: false },
  { key: "selectionValue", name: "SELKMWAARDE", stem: "SELKMW", required: false },
  { key: "lastLogin", name: "INLOGMOMENT", stem: "INLOGMO", required: true },
  { key: "loginName", name: "INLOGNAAM", stem: "INLOGN", required: false },
  { key: "tokenId", name: "TOKENID", stem: "TOKEN", required: false },
  { key: "channel", name: "KANAAL_MIDDEL", stem: "KANAAL", required: false },
  { key: "loginMeans", name: "INLOGMIDDEL", stem: "INLOGMI", required: true },
];

/** DUO's header order, for writing an overview. */
export const OVERVIEW_HEADERS: readonly string[] = [
  "ORGANISATIE_SOORT",
  "ORGANISATIE_CODE",
  ...OVERVIEW_COLUMNS.slice(2).map((c) => c.name),
];

export interface FoundColumn {
  readonly key: ColumnKey;
  /** 0-based position in the row. */
  readonly index: number;
  /** The header as the file writes it. */
  readonly header: string;
  /** The header is a cut-off form of the full name. */
  readonly cut: boolean;
}

export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .trim()
    .replace(/(\.{2,}|…)$/, "")
    .toUpperCase()
    .replace(/[\s-]+/g, "_")
    .replace(/[^A-Z0-9_]/g, "");
}

/** Which column a header names, or undefined. */
export function matchHeader(header: string): ColumnSpec | undefined {
  const h = normaliseHeader(header);
  if (h.length < 3) return undefined;
  return OVERVIEW_COLUMNS.find(
    (c) => h.startsWith(c.stem) || (h === "E_MAILADRES" && c.key === "email"),
  );
}

// Shorter than the full name and equal to its start, but for the last visible
// letter, which a narrow column may garble (VOORVOEC for VOORVOEGSEL).
function isCutOf(header: string, name: string): boolean {
  if (header.length >= name.length) return false;
  let shared = 0;
  while (shared < header.length && header[shared] === name[shared]) shared++;
  return shared >= header.length - 1;
}

export interface HeaderMatch {
  readonly columns: ReadonlyMap<ColumnKey, FoundColumn>;
  /** Headers that name no overview column. */
  readonly ignored: readonly string[];
}

export function matchHeaders(cells: readonly string[]): HeaderMatch {
  const columns = new Map<ColumnKey, FoundColumn>();
  const ignored: string[] = [];
  cells.forEach((header, index) => {
    if (header.trim() === "") return;
    const spec = matchHeader(header);
    if (!spec) {
      ignored.push(header);
      return;
    }
    let key = spec.key;
    if (key === "organisationType" && columns.has("organisationType")) key = "organisationCode";
    if (columns.has(key)) {
      ignored.push(header);
      return;
    }
    const h = normaliseHeader(header);
    columns.set(key, { key, index, header, cut: isCutOf(h, spec.name) });
  });
  return { columns, ignored };
}
