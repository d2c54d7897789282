// Features for www.eherkenning.nl.
import type { Feature } from "../feature.ts";
import * as dienstencatalogus from "../features/dienstencatalogus.ts";
import * as levelPage from "../features/level-page.ts";

export const EHERKENNING_FEATURES: readonly Feature[] = [levelPage, dienstencatalogus];
