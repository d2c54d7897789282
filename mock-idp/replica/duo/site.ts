import { entityId, TEST_ENTITY_INDEX } from "../../../eherkenning/index.ts";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import type { SiteDefinition } from "../site.ts";
import { createMijnDuo, DUO_ACS_PATH, type MijnDuo } from "./app.ts";

export const mijnDuoSite = {
  host: "mijn.duo.nl",
  serviceProvider: {
    keyName: "duo",
    // The provider's (INVENTED) OIN, at the index kept for test systems.
    entityID: entityId("DV", FIXTURE_SERVICES.mijnDuo.providerOIN, TEST_ENTITY_INDEX),
    acsPath: DUO_ACS_PATH,
    service: {
      serviceID: FIXTURE_SERVICES.mijnDuo.serviceID,
      name: "Mijn DUO voor zakelijke klanten",
    },
  },
  create: ({ world, eherkenning }) =>
    createMijnDuo({ world, ...(eherkenning ? { eherkenning } : {}) }),
} satisfies SiteDefinition<MijnDuo>;
