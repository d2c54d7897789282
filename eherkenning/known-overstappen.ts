// Known overstappen as typed data: who moved, from what to which level, and
// when. Public dates come from SERVICES.md; where the public record gives only
// a month or a sequence (DUO's sector order), the exact day is INVENTED and
// marked so. The extension builds its hints from this, the mock its clock
// scenarios and the replica Mijn DUO its token cut-over.
import { dutchDay } from "./dates.ts";
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

export type DuoSector = "pilot" | "roc" | "aoc" | "vakschool" | "vavo";

// Stryker disable all: typed data (public dates, display text), checked against
// SERVICES.md by review; mutation testing measures the rules below that read it.
/** When each sector's existing users switch; from then on their token no longer works. */
export const DUO_SECTOR_SWITCH: Readonly<Record<DuoSector, Milestone>> = {
  // Public: "early March 2022, first in a small pilot"; the day is INVENTED.
  pilot: { date: day("2022-03-07"), nl: "Pilotgroep", en: "Pilot group", invented: true },
  // Public: sector by sector in this order during 2022; the days are INVENTED.
  roc: { date: day("2022-04-11"), nl: "ROC's", en: "ROCs", invented: true },
  aoc: { date: day("2022-05-16"), nl: "AOC's", en: "AOCs", invented: true },
  vakschool: {
    date: day("2022-06-20"),
    nl: "Vakscholen",
    en: "Vocational schools",
    invented: true,
  },
  vavo: {
    date: day("2022-09-12"),
    nl: "Vavo",
    en: "Adult secondary education (vavo)",
    invented: true,
  },
};

export const DUO_SECTORS = Object.keys(DUO_SECTOR_SWITCH) as DuoSector[];

export const DUO_MILESTONES = {
  announcement: {
    date: day("2021-11-08"),
    nl: "Aankondiging per brief",
    en: "Announcement letter",
  },
  newUsersMay: {
    date: day("2021-11-17"),
    nl: "Nieuwe beheerders en gebruikers kunnen inloggen met eHerkenning",
    en: "New administrators and users can log in with eHerkenning",
  },
  newUsersMust: {
    date: day("2022-01-01"),
    nl: "Nieuwe gebruikers moeten eHerkenning gebruiken",
    en: "New users must use eHerkenning",
  },
  existingUsersStart: {
    date: DUO_SECTOR_SWITCH.pilot.date,
    nl: "Bestaande gebruikers stappen over, per sector",
    en: "Existing users switch, sector by sector",
    invented: true,
  },
  deadline: {
    date: day("2022-12-31"),
    nl: "Iedereen overgestapt (uiterlijk)",
    en: "Everyone switched (at the latest)",
  },
} as const satisfies Record<string, Milestone>;
// Stryker restore all

/** Whether a Mijn DUO user of this sector may still log in with the DUO token. */
export function duoTokenAccepted(sector: DuoSector, now: Date): boolean {
  return now.getTime() < DUO_SECTOR_SWITCH[sector].date.getTime();
}

/** Whether a user first registered at `registeredOn` counts as new (eHerkenning only). */
export function duoNewUserNeedsEherkenning(registeredOn: Date): boolean {
  return registeredOn.getTime() >= DUO_MILESTONES.newUsersMust.date.getTime();
}

// ---- The list ------------------------------------------------------------------

// Stryker disable all: typed data, as above.
const eh1Retirement: Milestone = {
  date: EH1_RETIRED_ON,
  nl: "EH1 vervalt; inloggen kan alleen nog met EH2 of hoger",
  en: "EH1 retired; logging in needs EH2 or higher",
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
      {
        date: day("2021-12-08"),
        nl: "Dienst op EH3 geregistreerd",
        en: "Service registered at EH3",
      },
      { date: day("2022-04-01"), nl: "EH2+ niet meer geaccepteerd", en: "EH2+ no longer accepted" },
    ],
    transition: { acceptedLevel: "EH2+", from: day("2021-12-08"), until: day("2022-04-01") },
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
