// INVENTED: the day each DUO sector's existing users switched from the DUO
// token to eHerkenning in our simulation. DUO published no such days: it
// planned the switch per organisation and e-mailed each organisation's
// beheerder (eherkenning/facts.ts). The order (a pilot, then ROC, AOC,
// vakscholen, vavo, during 2022) is from SERVICES.md; the days are ours. They
// drive the replica Mijn DUO's token cut-over and nothing else: the
// extension never shows them (lint keeps extension/ from importing mock-idp/).
import { dutchDay, type DuoSector, type Milestone } from "../../eherkenning/index.ts";

const day = dutchDay;

// Stryker disable all: invented data; the rule below is what tests measure.
/** When each sector's existing users switch in the simulation; from then on their token no longer works. */
export const DUO_SECTOR_SWITCH: Readonly<Record<DuoSector, Milestone>> = {
  pilot: { date: day("2022-03-07"), nl: "Pilotgroep", en: "Pilot group", invented: true },
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
// Stryker restore all

/**
 * From when new beheerders and users could log in to Mijn DUO with eHerkenning
 * (the project's source documents, SERVICES.md; no public page we can link, so
 * the extension does not show it). The default world's machtigingen start here.
 */
export const DUO_EHERKENNING_OPENS: Milestone = {
  date: day("2021-11-17"),
  nl: "Nieuwe beheerders en gebruikers kunnen inloggen met eHerkenning",
  en: "New administrators and users can log in with eHerkenning",
};

/** Whether a Mijn DUO user of this sector may still log in with the DUO token (simulation). */
export function duoTokenAccepted(sector: DuoSector, now: Date): boolean {
  return now.getTime() < DUO_SECTOR_SWITCH[sector].date.getTime();
}
