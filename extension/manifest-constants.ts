// Host patterns the manifest declares, shared with the options page (which
// asks for the optional one) without pulling the build types into the bundle.
export const DUO_HOSTS = [
  "https://mijn.duo.nl/*",
  "https://duo.nl/zakelijk/*",
  "https://www.duo.nl/zakelijk/*",
] as const;
export const EHERKENNING_HOSTS = ["https://www.eherkenning.nl/*"] as const;
export const ANNOTATED_HOSTS = [...DUO_HOSTS, ...EHERKENNING_HOSTS] as const;

/** Asked for at run time, only when a person refreshes the catalogue. */
export const AGGREGATOR_ORIGIN = "https://aggregator.etoegang.nl/*";
