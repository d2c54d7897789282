// Known overstappen as typed data: who moved, from what to which level, and
// when. Real dates come from facts.ts (each with its source page); the
// invented municipality's dates are INVENTED and marked so. The extension
// builds its hints from this, the mock its clock scenarios. The days the
// simulation invents for DUO's sectors are in mock-idp/world/duo-calendar.ts.
import { dutchDay } from "./dates.ts";
import { FACTS } from "./facts.ts";
import { EH1_RETIRED_ON, type Level } from "./levels.ts";
import { FIXTURE_SERVICES } from "./fixtures/catalogue.ts";
import type { Transition } from "./overstap.ts";

const day = dutchDay;

export interface Milestone {
  readonly date: Date;
  readonly nl: string;
  readonly en: string;
  /** True when the exact day is ours, not a published date. */
  readonly invented?: boolean;
}

export interface KnownOverstap {
  readonly id: string;
  readonly provider: string;
  /** The service's catalogue name: also the machtiging to request. */
  readonly service: string;
  readonly from: Level | "DUO token";
  readonly to: Level;
  readonly milestones: readonly Milestone[];
  readonly transition?: Omit<Transition, "serviceUUID">;
  readonly serviceUUID: string;
}

// ---- DUO: from the DUO token to eHerkenning EH3 --------------------------------

/**
 * DUO's sectors, in the order DUO moved their existing users (SERVICES.md:
 * a pilot, then ROC, AOC, vakscholen, vavo). DUO published no day per sector:
 * the simulation's invented days live in mock-idp/world/duo-calendar.ts.
 */
export type DuoSector = "pilot" | "roc" | "aoc" | "vakschool" | "vavo";
// Stryker disable next-line all: the sectors' names and order are data (SERVICES.md).
export const DUO_SECTORS: readonly DuoSector[] = ["pilot", "roc", "aoc", "vakschool", "vavo"];

// Stryker disable all: typed data (published dates, display text) from facts.ts;
// mutation testing measures the rules below that read it.
/** Mijn DUO's published days (facts.ts, with their sources). */
export const DUO_MILESTONES = {
  newUsersMust: {
    date: day(FACTS.duoNewUsers.day),
    nl: FACTS.duoNewUsers.nl,
    en: FACTS.duoNewUsers.en,
  },
  deadline: {
    date: day(FACTS.duoSwitchBefore.day),
    nl: FACTS.duoSwitchBefore.nl,
    en: FACTS.duoSwitchBefore.en,
  },
} as const satisfies Record<string, Milestone>;
// Stryker restore all

/** Whether a user first registered at `registeredOn` counts as new (eHerkenning only). */
export function duoNewUserNeedsEherkenning(registeredOn: Date): boolean {
  return registeredOn.getTime() >= DUO_MILESTONES.newUsersMust.date.getTime();
}

// ---- The list ------------------------------------------------------------------

// Stryker disable all: typed data, as above.
const eh1Retirement: Milestone = {
  date: EH1_RETIRED_ON,
  nl: FACTS.eh1Retired.nl,
  en: FACTS.eh1Retired.en,
};

export const KNOWN_OVERSTAPPEN: readonly KnownOverstap[] = [
  {
    id: "mijn-duo",
    provider: "Dienst Uitvoering Onderwijs (DUO)",
    service: "Mijn DUO voor zakelijke klanten",
    from: "DUO token",
    to: "EH3",
    milestones: Object.values(DUO_MILESTONES),
    serviceUUID: FIXTURE_SERVICES.mijnDuo.serviceUUID,
  },
  {
    id: "mijn-rbg",
    provider: "RBG",
    service: "Mijn RBG",
    from: "EH2+",
    to: "EH3",
    milestones: [
      { date: day(FACTS.rbgEh3.day), nl: FACTS.rbgEh3.nl, en: FACTS.rbgEh3.en },
      {
        date: day(FACTS.rbgEh2PlusUntil.day),
        nl: FACTS.rbgEh2PlusUntil.nl,
        en: FACTS.rbgEh2PlusUntil.en,
      },
    ],
    transition: {
      acceptedLevel: "EH2+",
      from: day(FACTS.rbgEh3.day),
      until: day(FACTS.rbgEh2PlusUntil.day),
    },
    serviceUUID: FIXTURE_SERVICES.mijnRbg.serviceUUID,
  },
  {
    id: "mijn-rvo",
    provider: "Rijksdienst voor Ondernemend Nederland (RVO)",
    service: "mijn.rvo.nl",
    from: "EH1",
    to: "EH2+",
    milestones: [eh1Retirement],
    serviceUUID: FIXTURE_SERVICES.mijnRvo.serviceUUID,
  },
  {
    id: "vog-klaarzetten",
    provider: "Justis",
    service: "VOG klaarzetten (MijnJustis)",
    from: "EH1",
    to: "EH2+",
    milestones: [eh1Retirement],
    serviceUUID: FIXTURE_SERVICES.vogKlaarzetten.serviceUUID,
  },
  {
    // INVENTED municipality and dates: a former EH1 service that asked EH1
    // below its new catalogue level for a while, as the EH1 stappenplan advised.
    id: "zuiderwaard-bedrijfsafval",
    provider: "Gemeente Zuiderwaard",
    service: "Melding bedrijfsafval",
    from: "EH1",
    to: "EH2+",
    milestones: [
      {
        date: day("2021-03-01"),
        nl: "Dienst op EH2+ geregistreerd",
        en: "Service registered at EH2+",
        invented: true,
      },
      {
        date: day("2021-06-01"),
        nl: "EH1 niet meer geaccepteerd",
        en: "EH1 no longer accepted",
        invented: true,
      },
      eh1Retirement,
    ],
    transition: { acceptedLevel: "EH1", from: day("2021-03-01"), until: day("2021-06-01") },
    serviceUUID: FIXTURE_SERVICES.meldingBedrijfsafval.serviceUUID,
  },
];
// Stryker restore all

/** The transition windows of the known overstappen, for the makelaar. */
export const KNOWN_TRANSITIONS: readonly Transition[] = KNOWN_OVERSTAPPEN.flatMap((o) =>
  o.transition ? [{ ...o.transition, serviceUUID: o.serviceUUID }] : [],
);
