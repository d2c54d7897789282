// Organisations pages name beside or inside a service: "UWV werkgeversportaal",
// "Elektronische formulieren van Nederlandse Voedsel- en Warenautoriteit",
// "Zorgregister (CIBG)". Each is known by its abbreviation, its Dutch name
// and its English name; all are the organisations' own public names. The
// recogniser uses them as evidence for (or against) a service's provider.
// Some listed here offer no service in our catalogue: naming them still
// tells the recogniser an entry is not about another provider's service.

export interface Organisation {
  readonly id: string;
  /** Abbreviations and full names, Dutch and English, as pages write them. */
  readonly names: readonly string[];
}

export const ORGANISATIONS: readonly Organisation[] = [
  {
    id: "uwv",
    names: ["UWV", "Uitvoeringsinstituut Werknemersverzekeringen", "Employee Insurance Agency"],
  },
  {
    id: "rvo",
    names: [
      "RVO",
      "RVO.nl",
      "Rijksdienst voor Ondernemend Nederland",
      "Netherlands Enterprise Agency",
    ],
  },
  {
    id: "nvwa",
    names: [
      "NVWA",
      "Nederlandse Voedsel- en Warenautoriteit",
      "Voedsel- en Warenautoriteit",
      "Netherlands Food and Consumer Product Safety Authority",
    ],
  },
  { id: "cibg", names: ["CIBG"] },
  { id: "duo", names: ["DUO", "Dienst Uitvoering Onderwijs", "Education Executive Agency"] },
  {
    id: "belastingdienst",
    names: [
      "Belastingdienst",
      "Tax and Customs Administration",
      "Dutch Tax Service",
      "Tax Service",
    ],
  },
  { id: "douane", names: ["Douane", "Dutch Customs", "Customs"] },
  { id: "kadaster", names: ["Kadaster", "Land Registry", "Netherlands Cadastre"] },
  { id: "logius", names: ["Logius"] },
  { id: "justis", names: ["Justis"] },
  {
    id: "inspectie-onderwijs",
    names: ["Inspectie van het Onderwijs", "Onderwijsinspectie", "Inspectorate of Education"],
  },
  { id: "inlichtingenbureau", names: ["Stichting Inlichtingenbureau", "Inlichtingenbureau"] },
  { id: "rbg", names: ["RBG"] },
  { id: "antwoord-voor-bedrijven", names: ["Antwoord voor bedrijven"] },
  {
    id: "octrooicentrum",
    names: ["Octrooicentrum Nederland", "Octrooicentrum", "Netherlands Patent Office"],
  },
  { id: "kvk", names: ["KVK", "Kamer van Koophandel", "Chamber of Commerce"] },
  { id: "rdw", names: ["RDW", "Dienst Wegverkeer"] },
  { id: "svb", names: ["SVB", "Sociale Verzekeringsbank"] },
  { id: "cbs", names: ["CBS", "Centraal Bureau voor de Statistiek", "Statistics Netherlands"] },
  { id: "rijkswaterstaat", names: ["Rijkswaterstaat"] },
  { id: "ilt", names: ["ILT", "Inspectie Leefomgeving en Transport"] },
];
