import { FIXTURE_SERVICES } from "../../../eherkenning/index.ts";
import type { SiteDefinition } from "../site.ts";
import { createMijnDuo, DUO_ACS_PATH, type MijnDuo } from "./app.ts";

export const mijnDuoSite = {
  host: "mijn.duo.nl",
  serviceProvider: {
    keyName: "duo",
    // The provider's (INVENTED) OIN, test index 9001.
    entityID: `urn:etoegang:DV:${FIXTURE_SERVICES.mijnDuo.providerOIN}:entities:9001`,
    acsPath: DUO_ACS_PATH,
    service: {
      serviceID: FIXTURE_SERVICES.mijnDuo.serviceID,
      name: "Mijn DUO voor zakelijke klanten",
    },
  },
  create: ({ world, eherkenning }) =>
    createMijnDuo({ world, ...(eherkenning ? { eherkenning } : {}) }),
} satisfies SiteDefinition<MijnDuo>;
