// What the person sets in the options page, kept in storage.local. Read with
// defaults so a fresh install and a half-written record both work.
import { LEVEL_LABELS, type Level } from "../../eherkenning/levels.ts";
import type { PageKind } from "./pages.ts";

export type LanguageChoice = "auto" | "nl" | "en";

export interface Settings {
  readonly language: LanguageChoice;
  /** The level of the person's own middel; unknown until they set it. */
  readonly middelLevel: Level | null;
  /** ServiceUUIDs of the services the person uses (shown on level pages). */
  readonly myServices: readonly string[];
  /** Page kinds whose hints the person closed. */
  readonly dismissed: readonly PageKind[];
}

export const DEFAULT_SETTINGS: Settings = {
  language: "auto",
  middelLevel: null,
  myServices: [],
  dismissed: [],
};

export const SETTINGS_KEY = "settings";

const PAGE_KINDS: readonly string[] = ["login", "listing", "level"];

/** Settings from whatever storage held, invalid parts replaced by defaults. */
export function readSettings(stored: unknown): Settings {
  if (typeof stored !== "object" || stored === null) return DEFAULT_SETTINGS;
  const s = stored as Record<string, unknown>;
  const language =
    s["language"] === "nl" || s["language"] === "en" ? s["language"] : DEFAULT_SETTINGS.language;
  const middelLevel = (LEVEL_LABELS as readonly unknown[]).includes(s["middelLevel"])
    ? (s["middelLevel"] as Level)
    : null;
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  return {
    language,
    middelLevel,
    myServices: strings(s["myServices"]),
    dismissed: strings(s["dismissed"]).filter((k): k is PageKind => PAGE_KINDS.includes(k)),
  };
}
