// The built-in world: DUO's overstap from the DUO token to eHerkenning EH3, and
// the EH1 retirement at the invented Gemeente Zuiderwaard. Plain data.
//
// Everything about organisations and people here is INVENTED: KvK numbers start
// with 9900, RSINs with 9900 (they pass the 11-test so validators accept them),
// suppliers, names, passwords and codes are ours. Services, levels and dates come
// from the fixture catalogue and the known overstappen (eherkenning/).
import {
  dutchDay,
  KNOWN_TRANSITIONS,
  writeCatalogue,
  type Level,
  type Machtiging,
} from "../../eherkenning/index.ts";
import {
  FIXTURE_CATALOGUE,
  FIXTURE_SERVICES,
  inventedOin,
} from "../../eherkenning/fixtures/catalogue.ts";
import { DUO_EHERKENNING_OPENS } from "./duo-calendar.ts";
import type { Organisation, Person, World } from "./model.ts";
import { rememberCatalogue } from "./parsed-catalogues.ts";

/** INVENTED suppliers of eHerkenningsmiddelen, shown on the first login page. */
export const LEVERANCIERS = Object.freeze({
  sleutelhuis: "Sleutelhuis Identiteit (test)",
  poortwachter: "Poortwachter ID (test)",
  brugwerk: "Brugwerk Herkenning (test)",
});

/** KvK numbers of the default organisations, by a short key. INVENTED. */
export const KVK = Object.freeze({
  /** A school board (bevoegd gezag) over the ROC and the vavo college. */
  onderwijsgroep: "99000101",
  rocZuiderwaard: "99000102",
  aocGroeneDelta: "99000103",
  vakschoolMaritiem: "99000104",
  vavoMiddenland: "99000105",
  /** Customers of the invented Gemeente Zuiderwaard. */
  bouwbedrijf: "99000201",
  afvalservice: "99000202",
});

export const DEFAULT_ORGANISATIONS: readonly Organisation[] = [
  { kvk: KVK.onderwijsgroep, rsin: "990001015", name: "Stichting Onderwijsgroep Zuiderwaard" },
  { kvk: KVK.rocZuiderwaard, rsin: "990001027", name: "ROC Zuiderwaard" },
  { kvk: KVK.aocGroeneDelta, rsin: "990001039", name: "AOC Groene Delta" },
  { kvk: KVK.vakschoolMaritiem, rsin: "990001040", name: "Vakschool Maritiem Noord" },
  { kvk: KVK.vavoMiddenland, rsin: "990001052", name: "Vavo College Middenland" },
  { kvk: KVK.bouwbedrijf, rsin: "990001064", name: "Bouwbedrijf Van der Waard B.V." },
  { kvk: KVK.afvalservice, rsin: "990001076", name: "Afvalservice Zuiderwaard B.V." },
];

const DUO_OIN = FIXTURE_SERVICES.mijnDuo.providerOIN;
/** INVENTED OIN of Gemeente Zuiderwaard in the fixture catalogue. */
const ZUIDERWAARD_OIN = inventedOin(30);

const date = dutchDay;

// Machtigingen by their scope, as a machtigingenbeheerder registers them.
type Validity = Pick<Machtiging, "validFrom" | "validUntil">;

const forService = (serviceUUID: string, level: Level, validity: Validity = {}): Machtiging => ({
  scope: { kind: "service", serviceUUID },
  level,
  ...validity,
});
const forProvider = (providerOIN: string, level: Level): Machtiging => ({
  scope: { kind: "provider", providerOIN },
  level,
});
const forAll = (level: Level): Machtiging => ({ scope: { kind: "all" }, level });

const mijnDuo = (level: Level = "EH3", validity: Validity = {}): Machtiging =>
  forService(FIXTURE_SERVICES.mijnDuo.serviceUUID, level, validity);

/**
 * Test identities. The id says the person's name and middel level; usernames
 * equal the id; the password is "Welkom-" plus the first name; the second-factor
 * code is fixed per person so tests can type it.
 */
export const DEFAULT_PERSONS: readonly Person[] = [
  // ---- EH3: the level Mijn DUO needs --------------------------------------------
  {
    id: "jan-eh3",
    name: "Jan de Vries",
    pseudo: "pseudo-0001-jan-de-vries",
    middel: {
      level: "EH3",
      leverancier: LEVERANCIERS.sleutelhuis,
      username: "jan-eh3",
      password: "Welkom-jan",
      secondFactor: { kind: "sms", code: "311001" },
    },
    representations: [{ kvk: KVK.rocZuiderwaard, machtigingen: [mijnDuo("EH3")] }],
    duo: {
      inlognaam: "jdevries25px",
      wachtwoord: "Duo-jan-2021",
      tokenCode: "480111",
      sector: "roc",
      roles: ["Beheerder BVE"],
      brin: "25PX",
    },
  },
  {
    // EH3 middel, but the organisation gave a machtiging for RIO-portaal only.
    id: "eva-eh3",
    name: "Eva Jansen",
    pseudo: "pseudo-0002-eva-jansen",
    middel: {
      level: "EH3",
      leverancier: LEVERANCIERS.poortwachter,
      username: "eva-eh3",
      password: "Welkom-eva",
      secondFactor: { kind: "app", code: "322002" },
    },
    representations: [
      {
        kvk: KVK.rocZuiderwaard,
        machtigingen: [forService(FIXTURE_SERVICES.rioPortaal.serviceUUID, "EH3")],
      },
    ],
    duo: {
      inlognaam: "ejansen25px",
      wachtwoord: "Duo-eva-2021",
      tokenCode: "480222",
      sector: "roc",
      roles: ["DR_Raadpleger"],
      brin: "25PX",
    },
  },
  {
    // A machtiging for all services of DUO (Mijn DUO and RIO-portaal).
    id: "noor-eh3",
    name: "Noor Smit",
    pseudo: "pseudo-0003-noor-smit",
    middel: {
      level: "EH3",
      leverancier: LEVERANCIERS.brugwerk,
      username: "noor-eh3",
      password: "Welkom-noor",
      secondFactor: { kind: "app", code: "333003" },
    },
    representations: [{ kvk: KVK.vakschoolMaritiem, machtigingen: [forProvider(DUO_OIN, "EH3")] }],
    duo: {
      inlognaam: "nsmit28rb",
      wachtwoord: "Duo-noor-2021",
      tokenCode: "480333",
      sector: "vakschool",
      roles: ["Beheerder BVE", "DR_Raadpleger"],
      brin: "28RB",
    },
  },
  {
    // Represents the school board and two of its schools: chooses on the page.
    id: "ahmed-eh3",
    name: "Ahmed Bouzid",
    pseudo: "pseudo-0004-ahmed-bouzid",
    middel: {
      level: "EH3",
      leverancier: LEVERANCIERS.sleutelhuis,
      username: "ahmed-eh3",
      password: "Welkom-ahmed",
      secondFactor: { kind: "sms", code: "344004" },
    },
    representations: [
      { kvk: KVK.onderwijsgroep, machtigingen: [mijnDuo("EH3")] },
      { kvk: KVK.rocZuiderwaard, machtigingen: [mijnDuo("EH3")] },
      { kvk: KVK.vavoMiddenland, machtigingen: [mijnDuo("EH3")] },
    ],
    duo: {
      inlognaam: "abouzid40867",
      wachtwoord: "Duo-ahmed-2021",
      tokenCode: "480444",
      sector: "pilot",
      roles: ["Organisatiebeheerder", "Beheerder BVE"],
      brin: "25PX",
    },
  },
  {
    // The machtiging ran until the end of 2022: valid during the overstap, expired now.
    id: "lotte-eh3",
    name: "Lotte de Boer",
    pseudo: "pseudo-0005-lotte-de-boer",
    middel: {
      level: "EH3",
      leverancier: LEVERANCIERS.poortwachter,
      username: "lotte-eh3",
      password: "Welkom-lotte",
      secondFactor: { kind: "sms", code: "355005" },
    },
    representations: [
      {
        kvk: KVK.aocGroeneDelta,
        machtigingen: [
          mijnDuo("EH3", {
            validFrom: DUO_EHERKENNING_OPENS.date,
            validUntil: date("2023-01-01"),
          }),
        ],
      },
    ],
    duo: {
      inlognaam: "ldeboer27qa",
      wachtwoord: "Duo-lotte-2021",
      tokenCode: "480555",
      sector: "aoc",
      roles: ["Examensecretaris BVE"],
      brin: "27QA",
    },
  },
  {
    // The machtiging was registered at EH2+ before Mijn DUO went to EH3.
    id: "bram-eh3",
    name: "Bram Hendriks",
    pseudo: "pseudo-0006-bram-hendriks",
    middel: {
      level: "EH3",
      leverancier: LEVERANCIERS.brugwerk,
      username: "bram-eh3",
      password: "Welkom-bram",
      secondFactor: { kind: "app", code: "366006" },
    },
    representations: [{ kvk: KVK.vavoMiddenland, machtigingen: [mijnDuo("EH2+")] }],
    duo: {
      inlognaam: "bhendriks29sc",
      wachtwoord: "Duo-bram-2021",
      tokenCode: "480666",
      sector: "vavo",
      roles: ["Gebruiker studentdossier"],
      brin: "29SC",
    },
  },
  // ---- EH4 ----------------------------------------------------------------------
  {
    // One machtiging for all services of all providers.
    id: "sara-eh4",
    name: "Sara El Amrani",
    pseudo: "pseudo-0007-sara-el-amrani",
    middel: {
      level: "EH4",
      leverancier: LEVERANCIERS.sleutelhuis,
      username: "sara-eh4",
      password: "Welkom-sara",
      secondFactor: { kind: "token", code: "477007" },
    },
    representations: [{ kvk: KVK.onderwijsgroep, machtigingen: [forAll("EH4")] }],
    duo: {
      inlognaam: "selamrani40867",
      wachtwoord: "Duo-sara-2021",
      tokenCode: "480777",
      sector: "vavo",
      roles: ["Organisatiebeheerder"],
      brin: "29SC",
    },
  },
  {
    // EH4 middel, but no machtiging for Mijn DUO (only for the Inspectie).
    id: "wim-eh4",
    name: "Wim Kok",
    pseudo: "pseudo-0008-wim-kok",
    middel: {
      level: "EH4",
      leverancier: LEVERANCIERS.poortwachter,
      username: "wim-eh4",
      password: "Welkom-wim",
      secondFactor: { kind: "token", code: "488008" },
    },
    representations: [
      { kvk: KVK.onderwijsgroep, machtigingen: [forProvider(inventedOin(11), "EH4")] },
    ],
  },
  // ---- EH2+ and EH2: too low for Mijn DUO -----------------------------------------
  {
    id: "piet-eh2plus",
    name: "Piet Bakker",
    pseudo: "pseudo-0009-piet-bakker",
    middel: {
      level: "EH2+",
      leverancier: LEVERANCIERS.brugwerk,
      username: "piet-eh2plus",
      password: "Welkom-piet",
      secondFactor: { kind: "sms", code: "299009" },
    },
    representations: [
      {
        kvk: KVK.aocGroeneDelta,
        machtigingen: [mijnDuo("EH3"), forService(FIXTURE_SERVICES.mijnRvo.serviceUUID, "EH2+")],
      },
    ],
    duo: {
      inlognaam: "pbakker27qa",
      wachtwoord: "Duo-piet-2021",
      tokenCode: "480999",
      sector: "aoc",
      roles: ["DR_Raadpleger", "Examensecretaris BVE"],
      brin: "27QA",
    },
  },
  {
    // Machtiging for all of DUO at EH2, and the Ondernemersloket (EH2) of Zuiderwaard.
    id: "kees-eh2",
    name: "Kees Visser",
    pseudo: "pseudo-0010-kees-visser",
    middel: {
      level: "EH2",
      leverancier: LEVERANCIERS.sleutelhuis,
      username: "kees-eh2",
      password: "Welkom-kees",
    },
    representations: [
      {
        kvk: KVK.vakschoolMaritiem,
        machtigingen: [
          forProvider(DUO_OIN, "EH2"),
          forService(FIXTURE_SERVICES.ondernemersloket.serviceUUID, "EH2"),
        ],
      },
    ],
    duo: {
      inlognaam: "kvisser28rb",
      wachtwoord: "Duo-kees-2021",
      tokenCode: "481010",
      sector: "vakschool",
      roles: ["Gebruiker studentdossier"],
      brin: "28RB",
    },
  },
  // ---- Customers of the invented Gemeente Zuiderwaard ----------------------------
  {
    // EH1: worked for Melding bedrijfsafval until its transition ended, and
    // for Melding openbare ruimte (EH1) until EH1 retired (EH1_RETIRED_ON).
    id: "henk-eh1",
    name: "Henk Mulder",
    pseudo: "pseudo-0011-henk-mulder",
    middel: {
      level: "EH1",
      leverancier: LEVERANCIERS.poortwachter,
      username: "henk-eh1",
      password: "Welkom-henk",
    },
    representations: [
      { kvk: KVK.bouwbedrijf, machtigingen: [forProvider(ZUIDERWAARD_OIN, "EH1")] },
    ],
  },
  {
    id: "fatima-eh2plus",
    name: "Fatima Yilmaz",
    pseudo: "pseudo-0012-fatima-yilmaz",
    middel: {
      level: "EH2+",
      leverancier: LEVERANCIERS.sleutelhuis,
      username: "fatima-eh2plus",
      password: "Welkom-fatima",
      secondFactor: { kind: "sms", code: "222012" },
    },
    representations: [
      { kvk: KVK.afvalservice, machtigingen: [forProvider(ZUIDERWAARD_OIN, "EH2+")] },
    ],
  },
  {
    // An EH1 middel at a school with a Mijn DUO machtiging: never enough.
    id: "gerda-eh1",
    name: "Gerda Postma",
    pseudo: "pseudo-0013-gerda-postma",
    middel: {
      level: "EH1",
      leverancier: LEVERANCIERS.brugwerk,
      username: "gerda-eh1",
      password: "Welkom-gerda",
    },
    representations: [{ kvk: KVK.rocZuiderwaard, machtigingen: [mijnDuo("EH3")] }],
    duo: {
      inlognaam: "gpostma25px",
      wachtwoord: "Duo-gerda-2021",
      tokenCode: "481313",
      sector: "roc",
      roles: ["DR_Raadpleger"],
      brin: "25PX",
    },
  },
];

export function defaultWorld(): World {
  const catalogueXml = writeCatalogue(FIXTURE_CATALOGUE);
  // Written from the model, so the model is what it parses to: nothing to parse.
  rememberCatalogue(catalogueXml, FIXTURE_CATALOGUE);
  return {
    organisations: DEFAULT_ORGANISATIONS,
    persons: DEFAULT_PERSONS,
    serviceProviders: [],
    catalogueXml,
    transitions: [...KNOWN_TRANSITIONS],
  };
}
