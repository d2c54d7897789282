import type { SiteDefinition } from "../site.ts";
import { createEherkenningSite } from "./app.ts";

export const eherkenningSite = {
  host: "www.eherkenning.nl",
  create: ({ world }) => ({ app: createEherkenningSite(world) }),
} satisfies SiteDefinition;
