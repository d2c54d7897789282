// Content script for www.eherkenning.nl.
import { runFeatures } from "./run.ts";
import { EHERKENNING_FEATURES } from "./sites/eherkenning-features.ts";

runFeatures(EHERKENNING_FEATURES);
