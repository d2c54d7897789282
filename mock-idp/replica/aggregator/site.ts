import type { SiteDefinition } from "../site.ts";
import { createAggregator } from "./app.ts";

export const aggregatorSite = {
  host: "aggregator.etoegang.nl",
  create: ({ world, publishingKeys }) => ({ app: createAggregator(world, publishingKeys) }),
} satisfies SiteDefinition;
