// Every replica site the harness serves, one line each. A new site is a
// folder with its app and a site.ts (see site.ts), plus its line here; the
// harness, its host names and its TLS certificate follow from this table.
import { aggregatorSite } from "./aggregator/site.ts";
import { mijnDuoSite } from "./duo/site.ts";
import { eherkenningSite } from "./eherkenning-site/site.ts";
import { zuiderwaardSite } from "./zuiderwaard/site.ts";

export const REPLICA_SITES = {
  mijnDuo: mijnDuoSite,
  eherkenning: eherkenningSite,
  aggregator: aggregatorSite,
  zuiderwaard: zuiderwaardSite,
} as const;

export type SiteKey = keyof typeof REPLICA_SITES;

/** The running sites, each with its own type (MijnDuo has its sessions, ...). */
export type Sites = {
  readonly [K in SiteKey]: ReturnType<(typeof REPLICA_SITES)[K]["create"]>;
};
