// Other names of catalogue services: former names, the names people use, the
// English names the English pages use. Data, each with the public page that
// uses the name (where the name is real), so a reader can check it. A name
// found here counts as the service's own name: the recogniser calls such a
// match certain, not likely.

export interface ServiceAlias {
  readonly name: string;
  readonly kind: "former" | "common" | "english";
  /** A public page that writes the service so; absent for invented services. */
  readonly source?: string;
}

export interface ServiceAliases {
  /** The service's catalogue name (Dutch). */
  readonly service: string;
  readonly aliases: readonly ServiceAlias[];
}

const EHERKENNING_EH2_PLUS =
  "https://www.eherkenning.nl/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eherkenning-niveau-2-plus";
const EHERKENNING_EN_EH3 =
  "https://www.eherkenning.nl/en/login-with-eherkenning/levels-of-assurance/level-3-eherkenning";
const DUO_EHERKENNING = "https://duo.nl/zakelijk/eherkenning-gebruiken.jsp";

export const SERVICE_ALIASES: readonly ServiceAliases[] = [
  {
    service: "mijn.rvo.nl",
    aliases: [
      { name: "DR-Loket", kind: "former", source: EHERKENNING_EH2_PLUS },
      {
        name: "Mijn RVO.nl",
        kind: "common",
        source: "https://www.adfinadvies.nl/per-1-juli-inloggen-via-eherkenning-op-mijn-rvo-nl/",
      },
    ],
  },
  {
    service: "Mijn Belastingdienst Zakelijk",
    aliases: [
      {
        name: "My Tax and Customs Administration Business",
        kind: "english",
        source: EHERKENNING_EN_EH3,
      },
    ],
  },
  {
    service: "Mijn DUO voor zakelijke klanten",
    aliases: [
      {
        name: "Mijn DUO voor zakelijke gebruikers",
        kind: "common",
        source: "https://www.stapvooropleiders.nl/e-herkenning/",
      },
      { name: "Mijn DUO Zakelijk", kind: "common", source: DUO_EHERKENNING },
      { name: "Mijn DUO", kind: "common", source: DUO_EHERKENNING },
    ],
  },
  {
    // INVENTED municipality (Gemeente Zuiderwaard): no source.
    service: "Melding bedrijfsafval",
    aliases: [{ name: "Bedrijfsafval melden", kind: "common" }],
  },
];
