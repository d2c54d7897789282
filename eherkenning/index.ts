// The shared eHerkenning module: levels, the dienstencatalogus and the overstap
// rules. Pure TypeScript without DOM or Node APIs, so the extension's service
// worker, its content scripts and the mock makelaar all import the same truth.
// Test fixtures are not exported here: import them from ./fixtures/catalogue.ts.
export * from "./dates.ts";
export * from "./levels.ts";
export * from "./identifiers.ts";
export * from "./catalogue/model.ts";
export * from "./catalogue/errors.ts";
export * from "./catalogue/parse.ts";
export * from "./catalogue/write.ts";
export * from "./catalogue/publish.ts";
export * from "./catalogue/lookup.ts";
export * from "./overstap.ts";
export * from "./known-overstappen.ts";
export * from "./facts.ts";
export * from "./level-phrases.ts";
export * from "./organisations.ts";
export * from "./catalogue/aliases.ts";
export * from "./catalogue/recognise.ts";
