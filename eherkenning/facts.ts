// Real-world facts the extension tells people, each with the public page it
// comes from. Only what these pages say: where a page gives no day, the fact
// has none. Anything the simulation needs beyond this (the day each DUO
// sector switched) is invented and lives in mock-idp/world, never here and
// never in the extension's text (a lint rule keeps extension/ from importing
// mock-idp/).

export interface FactSource {
  readonly url: string;
  /** Who published the page. */
  readonly publisher: string;
  /** When the page was published, where it says (YYYY-MM-DD or YYYY-MM). */
  readonly published?: string;
  /** When we last checked the fact against a stored public copy of the page. */
  readonly checked: string;
}

export interface Fact {
  readonly id: string;
  /** The Dutch calendar day the fact is about (YYYY-MM-DD); absent when the source gives none. */
  readonly day?: string;
  /** The fact in plain Dutch (B1) and English. */
  readonly nl: string;
  readonly en: string;
  /** The same, once its day has passed, where the tense must change. */
  readonly past?: { readonly nl: string; readonly en: string };
  readonly source: FactSource;
}

const CHECKED = "2026-12-03";

const DUO_EHERKENNING_GEBRUIKEN: FactSource = {
  url: "https://duo.nl/zakelijk/eherkenning-gebruiken.jsp",
  publisher: "DUO",
  checked: CHECKED,
};
const DUO_VO_NEWS: FactSource = {
  url: "https://www.duo.nl/zakelijk/voortgezet-onderwijs/nieuws/bent-u-al-overgestapt-op-eherkenning.jsp",
  publisher: "DUO",
  checked: CHECKED,
};

export const FACTS = {
  eh1Retired: {
    id: "eh1Retired",
    day: "2021-07-01",
    nl: "Sinds 1 juli 2021 kunt u niet meer inloggen met eHerkenning op niveau EH1.",
    en: "Since 1 July 2021 you can no longer log in with eHerkenning at level EH1.",
    source: {
      url: "https://www.security.nl/posting/699882/Inlogmiddel+eHerkenning+stopt+per+1+juli+met+betrouwbaarheidsniveau+EH1",
      publisher: "Security.NL (bericht van Logius)",
      published: "2021-04",
      checked: CHECKED,
    },
  },
  duoNeedsEh3: {
    id: "duoNeedsEh3",
    nl: "Voor Mijn DUO heeft u eHerkenning op niveau EH3 nodig.",
    en: "Mijn DUO needs eHerkenning at level EH3.",
    source: DUO_EHERKENNING_GEBRUIKEN,
  },
  duoMachtiging: {
    id: "duoMachtiging",
    nl: "De machtiging heet “Mijn DUO voor zakelijke klanten”.",
    en: "The authorisation (machtiging) is called “Mijn DUO voor zakelijke klanten”.",
    source: DUO_VO_NEWS,
  },
  duoNewUsers: {
    id: "duoNewUsers",
    day: "2022-01-01",
    nl: "Nieuwe gebruikers van Mijn DUO loggen vanaf 1 januari 2022 in met eHerkenning.",
    en: "New users of Mijn DUO log in with eHerkenning from 1 January 2022.",
    source: DUO_EHERKENNING_GEBRUIKEN,
  },
  duoPerOrganisation: {
    id: "duoPerOrganisation",
    nl: "Bestaande gebruikers stappen over per organisatie. DUO plant wanneer.",
    en: "Existing users switch per organisation. DUO plans when.",
    source: DUO_EHERKENNING_GEBRUIKEN,
  },
  duoBeheerderEmail: {
    id: "duoBeheerderEmail",
    nl: "De beheerder van Mijn DUO krijgt een e-mail als uw organisatie kan overstappen. Tot dan kunt u uw DUO-token blijven gebruiken.",
    en: "Your Mijn DUO administrator gets an e-mail when your organisation can switch. Until then you can keep using your DUO token.",
    source: DUO_EHERKENNING_GEBRUIKEN,
  },
  duoSwitchBefore: {
    id: "duoSwitchBefore",
    day: "2022-12-31",
    nl: "DUO vraagt iedereen om vóór 31 december 2022 over te stappen.",
    en: "DUO asks everyone to switch before 31 December 2022.",
    past: {
      nl: "DUO vroeg iedereen om vóór 31 december 2022 over te stappen.",
      en: "DUO asked everyone to switch before 31 December 2022.",
    },
    source: DUO_EHERKENNING_GEBRUIKEN,
  },
  rbgEh3: {
    id: "rbgEh3",
    day: "2021-12-08",
    nl: "Sinds 8 december 2021 logt u in op Mijn RBG met eHerkenning niveau EH3.",
    en: "Since 8 December 2021 you log in to Mijn RBG with eHerkenning level EH3.",
    source: {
      url: "https://www.derbg.nl/zakelijk/eherkenning-betrouwbaarheidsniveau-3/",
      publisher: "RBG",
      checked: CHECKED,
    },
  },
  rbgEh2PlusUntil: {
    id: "rbgEh2PlusUntil",
    day: "2022-04-01",
    nl: "Tot 1 april 2022 kon u op Mijn RBG ook nog inloggen met niveau EH2+.",
    en: "Until 1 April 2022 you could also log in to Mijn RBG at level EH2+.",
    source: {
      url: "https://www.derbg.nl/zakelijk/eherkenning-betrouwbaarheidsniveau-3/",
      publisher: "RBG",
      checked: CHECKED,
    },
  },
} as const satisfies Record<string, Fact>;

export type FactId = keyof typeof FACTS;

/** What a fact says on a day: its past form once its day has come, where it has one. */
export function factText(
  fact: Fact,
  language: "nl" | "en",
  now: Date,
  dayStart: (day: string) => Date,
): string {
  return fact.past && fact.day && now.getTime() >= dayStart(fact.day).getTime()
    ? fact.past[language]
    : fact[language];
}

/** What DUO published about the switch of Mijn DUO, in the order the login panel shows it. */
export const MIJN_DUO_FACTS: readonly Fact[] = [
  FACTS.duoNeedsEh3,
  FACTS.duoMachtiging,
  FACTS.duoNewUsers,
  FACTS.duoPerOrganisation,
  FACTS.duoBeheerderEmail,
  FACTS.duoSwitchBefore,
];
