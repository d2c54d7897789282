// Every selector and text pattern for pages we do not own, in one place.
// The real markup is not known and changes; we match what people read
// (labels, headings, button text) and keep alternatives side by side.

/** Elements a person can click to log in or to choose a way of logging in. */
export const CLICKABLE =
  'button, a[href], input[type="submit"], input[type="button"], [role="button"]';

/** Headings in the page's own sense: real headings, ARIA headings, legends, tab labels. */
export const HEADING_LIKE =
  'h1, h2, h3, h4, h5, h6, [role="heading"], legend, [role="tab"], summary';

export const LOGIN = {
  // Mijn DUO business login, 2022 layout: the section title for the
  // eHerkenning way. Variants seen on DUO pages: "Met eHerkenning",
  // "Inloggen met eHerkenning", "Via eHerkenning"; English: "With eHerkenning".
  eherkenningHeading: /^\s*(?:inloggen\s+)?(?:met|via|with)\s+eherkenning\s*$/i,
  // The button: "Log in met eHerkenning" (DUO), "Inloggen met eHerkenning"
  // (sector login pages under duo.nl/zakelijk), "Login with eHerkenning" (English).
  // Anchored: the whole label, so running text such as DUO's heading
  // "Voorbereiden op inloggen met eHerkenning" is no login button.
  eherkenningButton:
    /^\s*(?:log\s*in|inloggen|login|sign\s*in|log\s*on)\s+(?:met|with|via|using)\s+eherkenning\s*[.!]?\s*$/i,
  // The token way, being phased out: section "Met token" with fields
  // Gebruikersnaam, Wachtwoord and Token (DUO's English page: Username, Password).
  tokenHeading: /^\s*(?:inloggen\s+)?(?:met|with)\s+(?:uw\s+|de\s+)?(?:duo[\s-]?)?token\s*$/i,
  usernameLabel: /^\s*(?:gebruikersnaam|username|user name)\s*:?\s*\*?\s*$/i,
  passwordLabel: /^\s*(?:wachtwoord|password)\s*:?\s*\*?\s*$/i,
  tokenLabel: /^\s*(?:token(?:code)?|tokencode|code van (?:uw|de) token)\s*:?\s*\*?\s*$/i,
  // The link "Problemen met inloggen" is part of the login area: never move it.
  troubleLink: /problemen met inloggen|trouble logging in/i,
} as const;

export const LISTING = {
  // dienstencatalogus table (aangesloten organisaties, supplier forms):
  // a column with the service, often one with the provider and one with the level.
  serviceHeader: /^\s*(?:dienst(?:naam)?|diensten|service|service name|machtiging)\s*$/i,
  providerHeader:
    /^\s*(?:dienstverlener|dienstaanbieder|aanbieder|organisatie|overheidsorganisatie|service provider|provider|organisation|organization)\s*$/i,
  levelHeader:
    /^\s*(?:(?:vereist\s+)?(?:betrouwbaarheids)?niveau|eh-?niveau|level(?: of assurance)?|assurance level)\s*$/i,
  // Role-based tables (div grids) some sites render instead of <table>.
  ariaRow: '[role="row"]',
  ariaHeader: '[role="columnheader"]',
  ariaCell: '[role="cell"], [role="gridcell"]',
  // Card layout of a supplier's application form: one card per service with a
  // checkbox "machtiging aanvragen" ("Request authorisation" in English).
  machtigingCheckbox:
    /machtiging(?:en)?\s+aanvragen|request\s+(?:an?\s+)?(?:authori[sz]ation|machtiging)/i,
  // Inside a card, the provider is labelled; the level is written as EH3,
  // "niveau 3" or "Betrouwbaarheidsniveau: EH2+".
  providerLabel: /^\s*(?:dienstverlener|aanbieder|organisatie|provider)\s*:?\s*/i,
} as const;

export const LEVEL_PAGE = {
  // The label of the list of services a level is used for, in a table row
  // (eherkenning.nl: "Te gebruiken bij onder andere"), a heading, a dt or bold
  // text. English site: "Can be used for, e.g."; older: "Can be used for,
  // among others"; supplier pages: "Vaak gebruikt voor", "Often used for".
  usedByLabel:
    /^\s*(?:(?:bijvoorbeeld\s+)?te\s+gebruiken\s+(?:bij|voor)(?:\s+onder\s+(?:andere|meer))?|(?:vaak\s+)?gebruikt\s+(?:bij|voor|door)(?:\s+onder\s+(?:andere|meer))?|(?:can\s+be\s+|often\s+|is\s+)?used\s+(?:for|by|with|at)(?:,?\s+(?:among\s+others|e\.?\s?g\.?|for\s+example|for\s+instance|including))?)\s*[:.]?\s*$/i,
  // The page's level: the URL slug (eh3, eh2-plus, niveau-3, level-3-eherkenning) or the h1.
  slug: /\/([\w-]+)\/?$/,
  // Separators between service names written as running text.
  // A comma before "en"/"and" (the English serial comma) is one separator.
  listSeparator: /\s*(?:,?\s(?:en|and|of|or)\s|[,;\u2022\u00b7])\s*/,
} as const;
