import { FIXTURE_SERVICES } from "../../../eherkenning/index.ts";
import type { SiteDefinition } from "../site.ts";
import { createZuiderwaard, ZUIDERWAARD_ACS_PATH, type Zuiderwaard } from "./app.ts";

export const zuiderwaardSite = {
  /** INVENTED municipality. */
  host: "loket.zuiderwaard.test",
  serviceProvider: {
    keyName: "zuiderwaard",
    // The provider's (INVENTED) OIN, test index 9001.
    entityID: `urn:etoegang:DV:${FIXTURE_SERVICES.meldingBedrijfsafval.providerOIN}:entities:9001`,
    acsPath: ZUIDERWAARD_ACS_PATH,
    service: {
      serviceID: FIXTURE_SERVICES.meldingBedrijfsafval.serviceID,
      name: "Melding bedrijfsafval",
    },
  },
  create: ({ world, eherkenning }) =>
    createZuiderwaard({ world, ...(eherkenning ? { eherkenning } : {}) }),
} satisfies SiteDefinition<Zuiderwaard>;
