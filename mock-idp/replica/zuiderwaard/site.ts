import { entityId, TEST_ENTITY_INDEX } from "../../../eherkenning/index.ts";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import type { SiteDefinition } from "../site.ts";
import { createZuiderwaard, ZUIDERWAARD_ACS_PATH, type Zuiderwaard } from "./app.ts";

export const zuiderwaardSite = {
  /** INVENTED municipality. */
  host: "loket.zuiderwaard.test",
  serviceProvider: {
    keyName: "zuiderwaard",
    // The provider's (INVENTED) OIN, at the index kept for test systems.
    entityID: entityId("DV", FIXTURE_SERVICES.meldingBedrijfsafval.providerOIN, TEST_ENTITY_INDEX),
    acsPath: ZUIDERWAARD_ACS_PATH,
    service: {
      serviceID: FIXTURE_SERVICES.meldingBedrijfsafval.serviceID,
      name: "Melding bedrijfsafval",
    },
  },
  create: ({ world, eherkenning }) =>
    createZuiderwaard({ world, ...(eherkenning ? { eherkenning } : {}) }),
} satisfies SiteDefinition<Zuiderwaard>;
