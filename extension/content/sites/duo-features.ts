// Features for mijn.duo.nl and DUO's business login pages.
import type { Feature } from "../feature.ts";
import * as mijnDuoLogin from "../features/mijn-duo-login.ts";

export const DUO_FEATURES: readonly Feature[] = [mijnDuoLogin];
