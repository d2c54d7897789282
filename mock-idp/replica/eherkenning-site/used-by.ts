// What the replica level pages list under "Te gebruiken bij onder andere" /
// "Can be used for, e.g.". Real level pages describe services in their own
// words ("Toegang tot ... (voormalig ...)", "UWV werkgeversportaal (alles
// rondom ...)") instead of naming them as the catalogue does, start with an
// "all services that ask level ..." entry, name services the catalogue does
// not hold, and use different markup from page to page. These entries do the
// same in our own words, so the suite tests what people meet. Each says what
// a careful reader takes from it: the catalogue service it means (`means`),
// "generic", or nothing (a service outside our catalogue).
import type { Level } from "../../../eherkenning/index.ts";

export interface UsedByEntry {
  readonly nl: string;
  readonly en: string;
  /** The catalogue name the entry means; "generic" for "all services ..."; absent: not in our catalogue. */
  readonly means?: string;
}

/** How the list is marked up: the real pages vary, and change. */
export type UsedByMarkup = "bold-lines" | "table-row" | "heading-list" | "definition-list";

export interface UsedByList {
  readonly markup: UsedByMarkup;
  readonly entries: readonly UsedByEntry[];
}

export const USED_BY: Readonly<Record<Exclude<Level, "EH1">, UsedByList>> = {
  EH2: {
    markup: "bold-lines",
    entries: [
      {
        nl: "Elke dienst die eHerkenning niveau 2 vraagt",
        en: "Every service that asks for eHerkenning level 2",
        means: "generic",
      },
      {
        nl: "Het Ondernemersloket van gemeente Zuiderwaard (vragen en aanvragen)",
        en: "Ondernemersloket of the municipality of Zuiderwaard (questions and applications)",
        means: "Ondernemersloket",
      },
      { nl: "Omgevingsvergunningen van provincies", en: "Permits from provinces" },
    ],
  },
  "EH2+": {
    markup: "table-row",
    entries: [
      {
        nl: "Alle diensten waar eHerkenning niveau 2 of 2+ nodig is",
        en: "All services requiring eHerkenning level 2 or 2+",
        means: "generic",
      },
      {
        nl: "Inloggen op mijn.rvo.nl (vroeger DR-Loket)",
        en: "Logging in to mijn.rvo.nl (formerly DR-Loket)",
        means: "mijn.rvo.nl",
      },
      {
        nl: "Een VOG voor een medewerker klaarzetten bij Justis",
        en: "VOG klaarzetten at Justis (certificates of conduct for staff)",
        means: "VOG klaarzetten (MijnJustis)",
      },
      {
        nl: "Berichten van de overheid lezen in de Berichtenbox voor bedrijven",
        en: "Reading government messages in the Berichtenbox voor bedrijven",
        means: "Berichtenbox voor bedrijven",
      },
      {
        nl: "Formulieren van de Nederlandse Voedsel- en Warenautoriteit digitaal indienen",
        en: "Filing digital forms with the NVWA",
        means: "Elektronische formulieren",
      },
      {
        nl: "Het Zorgregister en DigiMV van het CIBG",
        en: "The Zorgregister and DigiMV (CIBG)",
        means: "Zorgregister",
      },
    ],
  },
  EH3: {
    markup: "heading-list",
    entries: [
      {
        nl: "Alle diensten die om niveau 2, 2+ of 3 vragen",
        en: "all services that ask for level 2, 2+ or 3",
        means: "generic",
      },
      {
        nl: "UWV werkgeversportaal: ziekmeldingen en loonzaken",
        en: "The UWV employer portal (sickness reports)",
        means: "Werkgeversportaal",
      },
      {
        nl: "Aangifte doen in Mijn Belastingdienst Zakelijk",
        en: "Filing returns in My Tax and Customs Administration Business",
        means: "Mijn Belastingdienst Zakelijk",
      },
      {
        nl: "Mijn DUO voor zakelijke gebruikers (scholen en besturen)",
        en: "Mijn DUO voor zakelijke gebruikers (schools and school boards)",
        means: "Mijn DUO voor zakelijke klanten",
      },
      {
        nl: "Een DigiD aanvragen aan de balie (Logius)",
        en: "Requesting DigiD at a municipal desk (Logius)",
        means: "Balie-aanvraag DigiD",
      },
      {
        nl: "Opleidingen aanmelden in het STAP-opleidersportaal (UWV)",
        en: "Registering courses in the STAP opleidersportaal (UWV)",
        means: "STAP Opleidersportaal",
      },
      {
        nl: "Loonaangifte via uw salarispakket",
        en: "Payroll tax returns via your payroll software",
      },
    ],
  },
  EH4: {
    markup: "definition-list",
    entries: [
      {
        nl: "Elke dienst, welk niveau die ook vraagt",
        en: "Any service, whatever level it asks for",
        means: "generic",
      },
      {
        nl: "Polisgegevens ophalen via Mijn Gegevensdiensten van UWV",
        en: "UWV Mijn Gegevensdiensten (policy data)",
        means: "Mijn Gegevensdiensten",
      },
      {
        nl: "Een octrooi aanvragen bij Octrooicentrum Nederland",
        en: "Patent applications at the Netherlands Patent Office",
        means: "Octrooiaanvragen",
      },
    ],
  },
};
