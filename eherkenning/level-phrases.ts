// Reading the levels a phrase names, as a set. Pages write levels in many
// ways: "eH3", "niveau 2 of 2+", "level 2, 2+ or 3", "eHerkenning
// beveiligingsniveau 3", "minimaal EH3", "LoA 3", "zekerheidsniveau
// substantieel". A list or range is a set of levels, never its first member:
// "Alle diensten waar eHerkenning niveau 1, 2, 2+, 3 of 4 wordt gevraagd" names
// every level, not EH1.
import { LEVEL_LABELS, levelRank, type Level } from "./levels.ts";

export interface LevelReading {
  /** Every level the phrase allows, lowest first ("or higher" included). */
  readonly levels: readonly Level[];
  /** The phrase says "or higher" ("minimaal", "of hoger", "at least"). */
  readonly orHigher: boolean;
}

export interface ReadOptions {
  /**
   * The text is a level on its own (a cell under "Niveau"): a bare "3" or
   * "2 of 2+" counts. In running text a number needs a level word before it.
   */
  readonly bare?: boolean;
}

// Words that introduce a level: niveau, betrouwbaarheidsniveau,
// beveiligingsniveau, zekerheidsniveau, veiligheidsniveau, eHerkenningsniveau,
// level, assurance level, level of assurance, LoA, and "eHerkenning" itself
// ("eHerkenning 3").
const LEVEL_WORD =
  "(?:(?:e-?herkennings?-?\\s*)?(?:betrouwbaarheids|beveiligings|zekerheids|veiligheids|vertrouwens)?-?niveaus?" +
  "|(?:assurance\\s+)?levels?(?:\\s+of\\s+assurance)?(?:\\s+loa)?|loa|e-?herkenning)";
// One level: 3, 2+, 2 plus, eH3, EH-2+, loa2plus. "eh" may stand alone before the digit.
const ONE = "(?:e-?h\\s*-?\\s*)?([1-4])(?!\\d|\\.\\d)(?:\\s*(\\+|plus))?(?![\\w+])";
const LIST_SEPARATOR = "\\s*(?:,|/|;|&|\\bof\\b|\\ben\\b|\\bor\\b|\\band\\b)\\s*";
const RANGE_SEPARATOR =
  "\\s*(?:-|\\btot\\s+en\\s+met\\b|\\bt/m\\b|\\bto\\b|\\bthrough\\b|\\btot\\b)\\s*";
// Between a level word and its number: "niveau: 3", "niveau eH3", "level - 3".
const GAP = "\\s*[-:]?\\s*";

const ANCHORED = new RegExp(`\\b${LEVEL_WORD}${GAP}(?=(?:e-?h\\s*-?\\s*)?[1-4])`, "gy");
const WORD_START = /\b\w/g;
const EH_TOKEN = /\be-?h\s*-?\s*(?=[1-4])/y;
const ONE_AT = new RegExp(ONE, "y");
const NEXT_IN_LIST = new RegExp(
  `${LIST_SEPARATOR}(?:${LEVEL_WORD}${GAP})?(?=(?:e-?h\\s*-?\\s*)?[1-4](?!\\d))`,
  "y",
);
const NEXT_IN_RANGE = new RegExp(
  `${RANGE_SEPARATOR}(?:${LEVEL_WORD}${GAP})?(?=(?:e-?h\\s*-?\\s*)?[1-4](?!\\d))`,
  "y",
);
const OR_HIGHER_AFTER =
  /^\s*(?:eherkenning\s*)?(?:of|en|or|and)\s+(?:hoger|hogere?\s+niveaus?|higher|above|up|meer)\b|^\s*(?:\+|en\s+hoger|and\s+up)/;
const OR_HIGHER_BEFORE =
  /(?:\bminimaal|\bminimum|\bmin\.|\bten\s*minste|\btenminste|\bat\s+least|\bvanaf|\bop\s+zijn\s+minst)\s*(?:(?:een|an?|het|de|the)\s+)?(?:\S+\s+){0,2}$/;
// eIDAS words name a level only after a level word or "eIDAS", or standing
// alone in a cell: "hoog" in running text is usually not a level.
const EIDAS_AFTER_WORD = new RegExp(
  `(?:\\beidas\\b|\\b${LEVEL_WORD})${GAP}(?:eidas${GAP})?(laag|low|basis|basic|substantieel|substantial|hoog|high)\\b`,
  "g",
);
const EIDAS_ALONE =
  /^\s*(?:eidas\s*)?(laag|low|basis|basic|substantieel|substantial|hoog|high)\s*$/;
// Stryker disable all: the eIDAS words' levels (data).
const EIDAS_LEVELS: Readonly<Record<string, readonly Level[]>> = {
  laag: ["EH2", "EH2+"],
  low: ["EH2", "EH2+"],
  basis: ["EH2", "EH2+"],
  basic: ["EH2", "EH2+"],
  substantieel: ["EH3"],
  substantial: ["EH3"],
  hoog: ["EH4"],
  high: ["EH4"],
};
// Stryker restore all

/** Lower case, no accents, brackets and bars as spaces, dashes as "-". */
function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[()[\]|]/g, " ")
    .replace(/\s+/g, " ");
}

function levelOf(digit: string, plus: string | undefined): { level: Level; orHigher: boolean } {
  const level = `EH${digit}` as Level;
  if (plus === undefined) return { level, orHigher: false };
  // "3+" is no level: pages that write it mean "3 or higher".
  return digit === "2" ? { level: "EH2+", orHigher: false } : { level, orHigher: true };
}

function between(from: Level, to: Level): Level[] {
  const [low, high] = levelRank(from) <= levelRank(to) ? [from, to] : [to, from];
  return LEVEL_LABELS.slice(levelRank(low), levelRank(high) + 1);
}

interface Found {
  levels: Level[];
  orHigher: boolean;
  end: number;
}

/** Reads "3", "2, 2+ of 3", "2 tot en met 4" from position `at` on. */
function readList(s: string, at: number): Found | undefined {
  ONE_AT.lastIndex = at;
  const first = ONE_AT.exec(s);
  if (!first) return undefined;
  const start = levelOf(first[1] ?? "", first[2]);
  const levels: Level[] = [start.level];
  let orHigher = start.orHigher;
  let end = ONE_AT.lastIndex;
  for (;;) {
    NEXT_IN_RANGE.lastIndex = end;
    const range = NEXT_IN_RANGE.exec(s);
    if (range) {
      ONE_AT.lastIndex = NEXT_IN_RANGE.lastIndex;
      const to = ONE_AT.exec(s);
      if (to) {
        const last = levels[levels.length - 1] ?? start.level;
        levels.push(...between(last, levelOf(to[1] ?? "", to[2]).level));
        end = ONE_AT.lastIndex;
        continue;
      }
    }
    NEXT_IN_LIST.lastIndex = end;
    const next = NEXT_IN_LIST.exec(s);
    if (!next) break;
    ONE_AT.lastIndex = NEXT_IN_LIST.lastIndex;
    const one = ONE_AT.exec(s);
    if (!one) break;
    const read = levelOf(one[1] ?? "", one[2]);
    levels.push(read.level);
    orHigher ||= read.orHigher;
    end = ONE_AT.lastIndex;
  }
  return { levels, orHigher, end };
}

function reading(levels: Iterable<Level>, orHigher: boolean): LevelReading | undefined {
  const set = new Set(levels);
  if (set.size === 0) return undefined;
  if (orHigher) {
    const lowest = Math.min(...[...set].map(levelRank));
    for (const level of LEVEL_LABELS.slice(lowest)) set.add(level);
  }
  return { levels: LEVEL_LABELS.filter((l) => set.has(l)), orHigher };
}

/**
 * The levels a phrase names, or undefined when it names none. Numbers count
 * after a level word ("niveau 2 of 2+") or with "EH" ("EH2+/EH3"); eIDAS
 * words ("substantieel") only where no number says more.
 */
export function readLevels(text: string, options: ReadOptions = {}): LevelReading | undefined {
  const s = normalise(text);
  const levels: Level[] = [];
  let orHigher = false;
  const take = (at: number, anchorStart: number): number => {
    const found = readList(s, at);
    if (!found) return at;
    levels.push(...found.levels);
    if (
      found.orHigher ||
      OR_HIGHER_AFTER.test(s.slice(found.end, found.end + 40)) ||
      OR_HIGHER_BEFORE.test(s.slice(Math.max(0, anchorStart - 40), anchorStart))
    ) {
      orHigher = true;
    }
    return found.end;
  };

  let i = 0;
  if (options.bare) {
    const lead = /^\s*/.exec(s)?.[0].length ?? 0;
    i = take(lead, lead);
  }
  while (i < s.length) {
    ANCHORED.lastIndex = i;
    EH_TOKEN.lastIndex = i;
    const anchored = ANCHORED.exec(s);
    if (anchored) {
      i = take(ANCHORED.lastIndex, i);
      continue;
    }
    const eh = EH_TOKEN.exec(s);
    if (eh) {
      i = take(i, i);
      if (EH_TOKEN.lastIndex > i) i = EH_TOKEN.lastIndex;
      continue;
    }
    WORD_START.lastIndex = i + 1;
    if (!WORD_START.exec(s)) break;
    i = WORD_START.lastIndex - 1;
  }
  if (levels.length > 0) return reading(levels, orHigher);

  const eidas: Level[] = [];
  for (const match of s.matchAll(EIDAS_AFTER_WORD))
    eidas.push(...(EIDAS_LEVELS[match[1] ?? ""] ?? []));
  if (eidas.length === 0 && options.bare) {
    const alone = EIDAS_ALONE.exec(s);
    if (alone) eidas.push(...(EIDAS_LEVELS[alone[1] ?? ""] ?? []));
  }
  const before = OR_HIGHER_BEFORE.test(
    s.replace(/\b(?:substantieel|substantial|hoog|high|laag|low|basis|basic)\b.*$/, ""),
  );
  return reading(eidas, eidas.length > 0 && before);
}

/** "EH2|EH2+", "≥EH3": a compact form for tests and logs. */
export function formatReading(reading: LevelReading | undefined): string {
  if (!reading) return "-";
  const lowest = reading.levels[0];
  return reading.orHigher && lowest ? `≥${lowest}` : reading.levels.join("|");
}

/** Whether a level is one the reading allows. */
export function readingAllows(reading: LevelReading, level: Level): boolean {
  return reading.levels.includes(level);
}
