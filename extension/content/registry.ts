// Every content feature, grouped by the site it annotates. Each site has its
// own content script (duo.ts, eherkenning.ts) that imports only its group, so a
// page never loads another site's code. A test checks that each file under
// features/ is listed here and that its id is its file name.
import type { Feature } from "./feature.ts";
import { DUO_FEATURES } from "./sites/duo-features.ts";
import { EHERKENNING_FEATURES } from "./sites/eherkenning-features.ts";

export const FEATURES_BY_SITE = { duo: DUO_FEATURES, eherkenning: EHERKENNING_FEATURES } as const;

export const FEATURES: readonly Feature[] = [...DUO_FEATURES, ...EHERKENNING_FEATURES];
