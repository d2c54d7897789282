// Content script for mijn.duo.nl and DUO's business login pages.
import { runFeatures } from "./run.ts";
import { DUO_FEATURES } from "./sites/duo-features.ts";

runFeatures(DUO_FEATURES);
