// The eHerkenning betrouwbaarheidsniveaus (levels of assurance) and their
// order. Everything that compares or displays a level goes through here; their
// URNs are in identifiers.ts.

export const LEVEL_LABELS = ["EH1", "EH2", "EH2+", "EH3", "EH4"] as const;
export type Level = (typeof LEVEL_LABELS)[number];

export type EidasLevel = "low" | "substantial" | "high";

export interface LevelInfo {
  readonly label: Level;
  /** eIDAS level of assurance; EH1 has none. */
  readonly eidas: EidasLevel | null;
  /** How a person logs in at this level (English, short). */
  readonly login: string;
}

export const LEVELS: Readonly<Record<Level, LevelInfo>> = Object.freeze({
  EH1: { label: "EH1", eidas: null, login: "password only" },
  EH2: { label: "EH2", eidas: "low", login: "password" },
  "EH2+": { label: "EH2+", eidas: "low", login: "two factors" },
  EH3: {
    label: "EH3",
    eidas: "substantial",
    login: "two factors, identity checked in person",
  },
  EH4: { label: "EH4", eidas: "high", login: "PKIoverheid certificate" },
});

/** EH1 cannot be used to log in from this moment on. */
export const EH1_RETIRED_ON = new Date("2021-07-01T00:00:00+02:00");

export const EIDAS_DUTCH: Readonly<Record<EidasLevel, string>> = {
  low: "laag",
  substantial: "substantieel",
  high: "hoog",
};

export function levelRank(level: Level): number {
  return LEVEL_LABELS.indexOf(level);
}

/** Negative when a is lower than b, zero when equal, positive when higher. */
export function compareLevels(a: Level, b: Level): number {
  return levelRank(a) - levelRank(b);
}

export function isAtLeast(level: Level, minimum: Level): boolean {
  return compareLevels(level, minimum) >= 0;
}

export function lowerOf(a: Level, b: Level): Level {
  return compareLevels(a, b) <= 0 ? a : b;
}

export function higherOf(a: Level, b: Level): Level {
  return compareLevels(a, b) >= 0 ? a : b;
}

// Each pattern recognises one way people and pages write a level. The number
// group is 1-4 and an optional "+" or "plus" marks EH2+.
const LEVEL_PATTERNS: readonly RegExp[] = [
  // urn:etoegang:core:assurance-class:loa2plus, loa3, LoA 3
  /\blo\s?a\s?-?([1-4])\s*(\+|plus)?/gi,
  // EH3, eH3, EH 3, EH-3, EH2+, EH2 plus, eHerkenning 3, eHerkenning niveau 3
  /\be-?h(?:erkenning)?(?:\s*niveau)?\s*-?\s*([1-4])\s*(\+|plus)?/gi,
  // niveau 3, betrouwbaarheidsniveau 2+, level 3
  /\b(?:betrouwbaarheids)?(?:niveau|level)\s*([1-4])\s*(\+|plus)?/gi,
];

// eIDAS words: "laag"/"low" cover both EH2 and EH2+, so they name no single level.
const EIDAS_WORDS: readonly [RegExp, Level][] = [
  [/\bsubstanti(?:eel|al)\b/i, "EH3"],
  [/\b(?:hoog|high)\b/i, "EH4"],
];

function labelFor(digit: string, plus: string | undefined): Level | undefined {
  if (plus !== undefined) return digit === "2" ? "EH2+" : undefined;
  return `EH${digit}` as Level;
}

/**
 * Every level mentioned in a piece of text, in order of appearance, without
 * repeats. "EH3 (substantieel)" gives one level, EH3.
 */
export function findLevels(text: string): Level[] {
  const hits: { index: number; level: Level }[] = [];
  for (const pattern of LEVEL_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const level = labelFor(match[1] ?? "", match[2]);
      if (level) hits.push({ index: match.index, level });
    }
  }
  for (const [pattern, level] of EIDAS_WORDS) {
    const match = pattern.exec(text);
    if (match) hits.push({ index: match.index, level });
  }
  hits.sort((a, b) => a.index - b.index);
  return [...new Set(hits.map((hit) => hit.level))];
}

/**
 * The one level a short text names ("EH3", "eH 3", "niveau 2+", "loa2plus", the
 * URN, "substantieel"), or undefined when it names none or more than one.
 */
export function parseLevel(text: string): Level | undefined {
  const found = findLevels(text);
  return found.length === 1 ? found[0] : undefined;
}

/** "EH3 (eIDAS substantieel)" or "EH3 (eIDAS substantial)". */
export function describeLevel(level: Level, language: "nl" | "en" = "nl"): string {
  const eidas = LEVELS[level].eidas;
  if (!eidas) return level;
  return `${level} (eIDAS ${language === "nl" ? EIDAS_DUTCH[eidas] : eidas})`;
}
