// Which kind of page a URL is, by URL alone. Content features check the page's
// words afterwards; the popup only has the URL. Example URLs beside each rule.

export type PageKind = "login" | "listing" | "level";

const DUO_HOSTS = new Set(["mijn.duo.nl", "duo.nl", "www.duo.nl"]);

/**
 * The Mijn DUO business login page.
 * https://mijn.duo.nl/  https://mijn.duo.nl/isam/sps/auth  https://duo.nl/zakelijk/mbo/inloggen/
 */
export function isDuoLoginUrl(url: URL): boolean {
  if (url.hostname === "mijn.duo.nl") return true;
  return DUO_HOSTS.has(url.hostname) && /^\/zakelijk\//.test(url.pathname);
}

// eherkenning.nl has been restructured several times; these are the shapes seen.
const LEVEL_PAGE_PATHS: readonly RegExp[] = [
  // https://www.eherkenning.nl/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh3
  // https://www.eherkenning.nl/en/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh2-plus
  /^\/(?:en\/)?inloggen-met-eherkenning\/betrouwbaarheidsniveaus\/[\w-]+\/?$/,
  // https://www.eherkenning.nl/en/logging-in-with-eherkenning/levels-of-assurance/eh4
  /^\/(?:en\/)?[\w-]*eherkenning\/(?:levels?-of-assurance|assurance-levels)\/[\w-]+\/?$/,
  // https://www.eherkenning.nl/betrouwbaarheidsniveaus/eh3 (older site)
  /^\/(?:en\/)?betrouwbaarheidsniveaus?\/[\w-]+\/?$/,
];

/** A level page of eherkenning.nl. */
export function isLevelPageUrl(url: URL): boolean {
  return (
    url.hostname === "www.eherkenning.nl" && LEVEL_PAGE_PATHS.some((p) => p.test(url.pathname))
  );
}

/**
 * Any other eherkenning.nl page may list catalogue services; the listing
 * feature decides by the page's tables and cards.
 * https://www.eherkenning.nl/aangesloten-organisaties  https://www.eherkenning.nl/aanvragen/machtigingen
 */
export function isListingCandidateUrl(url: URL): boolean {
  return url.hostname === "www.eherkenning.nl" && !isLevelPageUrl(url);
}

/** The page kind by URL, for the popup. */
export function pageKindOf(href: string | undefined): PageKind | undefined {
  if (!href) return undefined;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:") return undefined;
  if (isDuoLoginUrl(url)) return "login";
  if (isLevelPageUrl(url)) return "level";
  if (isListingCandidateUrl(url)) return "listing";
  return undefined;
}
