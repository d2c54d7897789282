// Recognising the catalogue service a page means. Real pages describe
// services rather than name them: "Toegang tot mijn.rvo.nl (voormalig
// DR-Loket)", "UWV werkgeversportaal (alles rondom werknemersverzekeringen)",
// "a desk application for DigiD issuance ... (Logius)". The recogniser
// normalises such text (case, accents, punctuation, "Toegang tot",
// parenthetical notes, former names, organisation names), then:
//
// 1. certain: what is left is a catalogue name or a known alias
//    (aliases.ts), and no organisation on the page contradicts its provider;
// 2. likely: the entry's words cover a name's words (weighted by how rare
//    each word is in the catalogue) and little else, or cover most of them
//    and name the provider; one service clearly ahead of the rest;
// 3. otherwise nothing. A wrong level badge is worse than none, so the
//    thresholds let a doubtful entry go rather than guess. The phrasing table
//    (fixtures/phrasings.ts) holds the recogniser to that.
//
// Entries that speak of all services ("Alle diensten waar eHerkenning niveau
// 2 of 2+ wordt gevraagd") are generic: they name no service.
import { ORGANISATIONS } from "../organisations.ts";
import { SERVICE_ALIASES } from "./aliases.ts";
import { normalizeName as normalise } from "./lookup.ts";
import type { CatalogueIndex, CatalogueService } from "./lookup.ts";

export interface PageEntry {
  /** The entry as the page writes it. */
  readonly text: string;
  /** The provider the page puts beside it (a listing's column), if any. */
  readonly provider?: string | undefined;
}

export type Recognition =
  | {
      readonly kind: "service";
      readonly service: CatalogueService;
      /** certain: the page names the service; likely: it describes it. */
      readonly confidence: "certain" | "likely";
      readonly score: number;
    }
  | { readonly kind: "generic" }
  | { readonly kind: "none" };

const NONE: Recognition = { kind: "none" };
const GENERIC: Recognition = { kind: "generic" };

// ---- Text to tokens ------------------------------------------------------------

// Stryker disable all: word lists (data). Mutating them measures one word at a
// time; the phrasing table (fixtures/phrasings.ts) holds them as a whole.
const STOPWORDS = new Set(
  (
    "de het een van voor tot bij op met en of in aan via naar uw onze hun die dat " +
    "the a an of for to and in on at by with your our from via nl www com " +
    "toegang access inloggen login log"
  ).split(" "),
);

/** English words pages use for Dutch service names, and Dutch variants, to one form. */
const SYNONYMS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    my: "mijn",
    business: "zakelijk",
    zakelijke: "zakelijk",
    businesses: "bedrijven",
    companies: "bedrijven",
    customers: "klanten",
    users: "gebruikers",
    portal: "portaal",
    portals: "portalen",
    employer: "werkgevers",
    employers: "werkgevers",
    werkgever: "werkgevers",
    form: "formulieren",
    forms: "formulieren",
    formulier: "formulieren",
    electronic: "elektronische",
    elektronisch: "elektronische",
    digitale: "elektronische",
    digitaal: "elektronische",
    digital: "elektronische",
    patent: "octrooi",
    patents: "octrooi",
    application: "aanvraag",
    applications: "aanvraag",
    aanvragen: "aanvraag",
    desk: "balie",
  }),
);
// Stryker restore all

const GENERIC_ENTRY = [
  /^(?:alle|all|diverse|verschillende|various|overige|other|andere|meerdere|many|veel|elke|every|any)\b.*\b(?:diensten|dienst|services?|overheidsdiensten|dienstverleners|organisaties|organi[sz]ations?|portalen|portals)\b/,
  /\b(?:diensten|services)\s+(?:waar|waarvoor|die|that|which|requiring)\b/,
];

// Levels written into a name: "Mijn RBG (EH3)", "Werkgeversportaal - niveau 3".
const LEVEL_IN_TEXT =
  /\b(?:e-?h(?:erkenning)?(?:\s*(?:betrouwbaarheids|beveiligings)?niveau)?|(?:betrouwbaarheids|beveiligings|zekerheids)?niveau|level|loa)\s*-?\s*[1-4]\s*(?:\+|plus)?/gi;
const LEADING =
  /^(?:(?:toegang\s+tot|inloggen\s+(?:bij|op|in)|log\s*in\s+(?:to|at|bij|op)|access\s+to|logging\s+in\s+to)\s+)+/;
const FORMER = /\b(?:voormalige?|voorheen|vroeger|formerly|previously|former|oud)\b[:\s]*(.+)$/;
const EXAMPLE_CLAUSE = /[,;:]?\s*\b(?:bijvoorbeeld|bijv|bv|for example|e\s?g|zoals|such as)\b.*$/;
// "... voor notarissen", "... for schools": who the service is for, not its name.
const AUDIENCE_CLAUSE = /\s(?:voor|for)\s+(?!het\b|de\b|the\b)[^,;]+$/;

/** Plural and inflection endings off, doubled vowels single: portaal = portalen = portal. */
function stem(token: string): string {
  let s = token;
  if (s.length > 5 && s.endsWith("en")) s = s.slice(0, -2);
  else if (s.length > 4 && s.endsWith("s") && !s.endsWith("ss")) s = s.slice(0, -1);
  else if (s.length > 5 && s.endsWith("e")) s = s.slice(0, -1);
  return s.replace(/([aeiou])\1/g, "$1");
}

const ORG_PREFIX = "@";

interface OrgPhrase {
  readonly id: string;
  readonly words: readonly string[];
}

/** Organisation names as word sequences, longest first, by their first word. */
const ORG_PHRASES: ReadonlyMap<string, readonly OrgPhrase[]> = (() => {
  const byFirst = new Map<string, OrgPhrase[]>();
  for (const org of ORGANISATIONS) {
    for (const name of org.names) {
      const words = normalise(name).split(" ").filter(Boolean);
      const first = words[0];
      if (!first) continue;
      const list = byFirst.get(first) ?? [];
      list.push({ id: org.id, words });
      byFirst.set(first, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return byFirst;
})();

interface Tokens {
  /** Words that name things, without stop words; organisations as "@id". */
  readonly words: readonly string[];
  /** The organisations named. */
  readonly orgs: ReadonlySet<string>;
  /** The words of the organisation names, kept for recall only. */
  readonly orgWords: readonly string[];
}

function tokenise(text: string, synonyms: boolean): Tokens {
  const raw = normalise(text).split(" ").filter(Boolean);
  const words: string[] = [];
  const orgs = new Set<string>();
  const orgWords: string[] = [];
  for (let i = 0; i < raw.length;) {
    const phrase = ORG_PHRASES.get(raw[i] ?? "")?.find((p) =>
      p.words.every((w, k) => raw[i + k] === w),
    );
    if (phrase) {
      words.push(ORG_PREFIX + phrase.id);
      orgs.add(phrase.id);
      orgWords.push(...phrase.words.filter((w) => !STOPWORDS.has(w)));
      i += phrase.words.length;
      continue;
    }
    const word = raw[i] ?? "";
    i += 1;
    if (STOPWORDS.has(word)) continue;
    words.push(synonyms ? (SYNONYMS.get(word) ?? word) : word);
  }
  return { words, orgs, orgWords };
}

const isOrg = (token: string): boolean => token.startsWith(ORG_PREFIX);

/** The exact-match key of a text: its word stems in order. */
const exactKey = (tokens: Tokens): string => tokens.words.map(stem).join(" ");

interface EntryParts {
  /** What the entry calls the service: the main text, and former names. */
  readonly variants: readonly string[];
  /** Notes in brackets, example clauses: evidence, never counted against. */
  readonly notes: string;
}

function partsOf(text: string): EntryParts {
  const notes: string[] = [];
  // "UWV's werkgeversportaal", "employer's portal": the word without its 's,
  // so an organisation written so is still one ("UWVs" is none).
  const main = text
    .replace(/['\u2019]s\b/g, "")
    .replace(LEVEL_IN_TEXT, " ")
    .replace(/\(([^()]*)\)|\[([^\]]*)\]/g, (_, round?: string, square?: string) => {
      notes.push(round ?? square ?? "");
      return " ";
    });
  // "Kadaster – Mijn Kadaster", "Justis: VOG klaarzetten": each part may be the name.
  const segments = main.split(/\s[-\u2013\u2014|]\s|:\s/);
  const variants: string[] = [];
  for (const segment of segments.length > 1 ? [main, ...segments] : [main]) {
    const part = normalise(segment)
      .replace(LEADING, "")
      .replace(EXAMPLE_CLAUSE, (clause) => {
        notes.push(clause);
        return "";
      });
    variants.push(part);
    const audience = AUDIENCE_CLAUSE.exec(part);
    if (audience) {
      notes.push(audience[0]);
      variants.push(part.slice(0, audience.index));
    }
  }
  for (const note of notes) {
    const former = FORMER.exec(normalise(note));
    if (former?.[1]) variants.push(former[1]);
  }
  return { variants: variants.filter((v) => v.trim()), notes: notes.join(" ") };
}

// ---- The index -------------------------------------------------------------------

interface Key {
  readonly tokens: readonly string[];
  readonly stems: readonly string[];
}

interface ServiceEntry {
  readonly service: CatalogueService;
  readonly providerOrgs: ReadonlySet<string>;
  readonly providerName: string;
  readonly keys: readonly Key[];
}

export interface Recogniser {
  recognise(entry: PageEntry): Recognition;
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

function sameProviderName(a: string, b: string): boolean {
  const x = normalise(a);
  const y = normalise(b);
  return x.length > 0 && y.length > 0 && (x === y || x.includes(y) || y.includes(x));
}

function namesOf(service: CatalogueService): string[] {
  const own = service.names.map((n) => n.value);
  // "VOG klaarzetten (MijnJustis)": the part before the brackets is the name too.
  const bare = own.map((n) => n.replace(/\s*\([^()]*\)\s*/g, " ").trim()).filter(Boolean);
  const aliases =
    SERVICE_ALIASES.find((a) => own.some((n) => normalise(n) === normalise(a.service)))?.aliases ??
    [];
  return [...new Set([...own, ...bare, ...aliases.map((a) => a.name)])];
}

function buildRecogniser(index: CatalogueIndex): Recogniser {
  const entries: ServiceEntry[] = index.services.map((service) => {
    const keys = namesOf(service).map((name) => {
      const tokens = tokenise(name, true).words;
      return { tokens, stems: tokens.map((t) => (isOrg(t) ? t : stem(t))) };
    });
    return {
      service,
      providerOrgs: tokenise(service.provider, false).orgs,
      providerName: service.provider,
      keys,
    };
  });

  // Exact keys (no synonyms: certainty means the page wrote the name itself).
  const exact = new Map<string, ServiceEntry[]>();
  entries.forEach((entry) => {
    for (const name of namesOf(entry.service)) {
      const key = exactKey(tokenise(name, false));
      if (!key) continue;
      const list = exact.get(key) ?? [];
      if (!list.includes(entry)) list.push(entry);
      exact.set(key, list);
    }
  });

  // How many services use each stem: rare stems say more.
  const df = new Map<string, number>();
  const byStem = new Map<string, ServiceEntry[]>();
  for (const entry of entries) {
    const stems = new Set(entry.keys.flatMap((k) => k.stems.filter((s) => !isOrg(s))));
    for (const s of stems) {
      df.set(s, (df.get(s) ?? 0) + 1);
      const list = byStem.get(s) ?? [];
      list.push(entry);
      byStem.set(s, list);
    }
  }
  const n = Math.max(entries.length, 2);
  const weight = (s: string): number => {
    if (isOrg(s)) return 1;
    const d = df.get(s);
    return d ? 1 + Math.log(n / d) : 1 + Math.log(n / 2);
  };
  const weakDf = Math.max(3, n * 0.01);
  const isWeak = (s: string): boolean => (df.get(s) ?? 0) >= weakDf;

  /** Stems of the entry, with joined neighbours for split compounds ("werkgevers portaal"). */
  function entryStems(words: readonly string[]): {
    single: string[];
    joined: Map<string, [number, number]>;
  } {
    const single = words.map((w) => (isOrg(w) ? w : stem(w)));
    const joined = new Map<string, [number, number]>();
    for (let i = 0; i + 1 < single.length; i++) {
      const a = single[i] ?? "";
      const b = single[i + 1] ?? "";
      if (isOrg(a) || isOrg(b)) continue;
      // Both orders: "portaal voor werkgevers" is the werkgeversportaal.
      for (const j of [
        a + b,
        `${a}s${b}`,
        (words[i] ?? "") + (words[i + 1] ?? ""),
        b + a,
        `${b}s${a}`,
      ])
        joined.set(stem(j), [i, i + 1]);
    }
    return { single, joined };
  }

  function recognise(item: PageEntry): Recognition {
    if (typeof item?.text !== "string") return NONE;
    const text = item.text.slice(0, 300);
    const whole = normalise(text).replace(LEADING, "");
    if (GENERIC_ENTRY.some((p) => p.test(whole))) return GENERIC;
    const parts = partsOf(text);
    const notes = tokenise(parts.notes, true);
    const provider = item.provider ? tokenise(item.provider, false) : undefined;
    const variants = parts.variants.map((v) => tokenise(v, true));
    const mentioned = new Set([
      ...variants.flatMap((v) => [...v.orgs]),
      ...notes.orgs,
      ...(provider?.orgs ?? []),
    ]);
    const inText = new Set([...variants.flatMap((v) => [...v.orgs]), ...notes.orgs]);

    // An organisation on the page that is not the provider rules a service out.
    const conflicts = (entry: ServiceEntry): boolean =>
      mentioned.size > 0 && ![...entry.providerOrgs].some((o) => mentioned.has(o));
    const providerNamed = (entry: ServiceEntry): boolean =>
      [...entry.providerOrgs].some((o) => mentioned.has(o)) ||
      (!!item.provider && sameProviderName(item.provider, entry.providerName));

    // 1. Certain: the page writes a name or alias.
    for (const raw of parts.variants) {
      const found = exact.get(exactKey(tokenise(raw, false)));
      if (!found) continue;
      const fitting = found.filter((e) => !conflicts(e));
      const named = fitting.filter(providerNamed);
      const pick = named.length === 1 ? named[0] : fitting.length === 1 ? fitting[0] : undefined;
      if (pick) return { kind: "service", service: pick.service, confidence: "certain", score: 1 };
      if (found.length > 0) return NONE;
    }

    // 2. Likely: weighted word cover.
    const scored: { entry: ServiceEntry; score: number }[] = [];
    const candidates = new Set<ServiceEntry>();
    const variantStems = variants.map((v) => entryStems(v.words));
    const noteStems = new Set([
      ...entryStems(notes.words).single,
      ...notes.orgWords.map(stem),
      ...variants.flatMap((v) => v.orgWords.map(stem)),
    ]);
    for (const { single, joined } of variantStems) {
      for (const s of [...single, ...joined.keys(), ...noteStems]) {
        for (const e of byStem.get(s) ?? []) candidates.add(e);
      }
    }
    for (const entry of candidates) {
      if (conflicts(entry)) continue;
      const named = providerNamed(entry);
      let best = 0;
      variantStems.forEach(({ single, joined }, v) => {
        const variant = variants[v];
        if (!variant) return;
        for (const key of entry.keys) {
          const used = new Set<number>();
          let covered = 0;
          let total = 0;
          let contentMatched = false;
          let strongMatched = false;
          for (const k of key.stems) {
            const w = weight(k);
            total += w;
            if (isOrg(k)) {
              if (mentioned.has(k.slice(1)) || entry.providerOrgs.has(k.slice(1))) covered += w;
              continue;
            }
            let hit = single.findIndex((s) => s === k);
            if (hit < 0)
              hit = single.findIndex(
                (s) => !isOrg(s) && s.length >= 7 && k.length >= 7 && editDistanceAtMostOne(s, k),
              );
            if (hit >= 0) {
              used.add(hit);
            } else {
              const pair = joined.get(k);
              if (pair) pair.forEach((i) => used.add(i));
              else if (!noteStems.has(k)) continue;
            }
            covered += w;
            contentMatched = true;
            if (!isWeak(k)) strongMatched = true;
          }
          const contentKey = key.stems.some((s) => !isOrg(s));
          if (contentKey && !contentMatched) continue;
          const recall = total > 0 ? covered / total : 0;
          let own = 0;
          let all = 0;
          single.forEach((s, i) => {
            if (isOrg(s)) return;
            const w = weight(s);
            all += w;
            if (used.has(i)) own += w;
          });
          const precision = all > 0 ? own / all : 1;
          const onlyWeak = contentKey && !strongMatched;
          const orgInText = [...entry.providerOrgs].some((o) => inText.has(o));
          const accepted = onlyWeak
            ? recall >= 0.999 && precision >= 0.5 && orgInText
            : (recall >= 0.999 && precision >= 0.34) ||
              (named && recall >= 0.6 && precision >= 0.5);
          if (!accepted) continue;
          const score = recall * (0.6 + 0.4 * precision) + (named ? 0.05 : 0);
          if (score > best) best = score;
        }
      });
      if (best > 0) scored.push({ entry, score: best });
    }
    scored.sort((a, b) => b.score - a.score);
    const [top, second] = scored;
    if (!top) return NONE;
    if (second && second.score >= top.score - 0.08) return NONE;
    return { kind: "service", service: top.entry.service, confidence: "likely", score: top.score };
  }

  return { recognise };
}

const built = new WeakMap<CatalogueIndex, Recogniser>();

/** The recogniser of a catalogue index, built once per index. */
export function recogniserFor(index: CatalogueIndex): Recogniser {
  let recogniser = built.get(index);
  if (!recogniser) {
    recogniser = buildRecogniser(index);
    built.set(index, recogniser);
  }
  return recogniser;
}

/** Recognises one entry against a catalogue index. */
export function recogniseService(index: CatalogueIndex, entry: PageEntry): Recognition {
  return recogniserFor(index).recognise(entry);
}
