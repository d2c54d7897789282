// The overstapplanner: DUO's overview of Mijn DUO users in, a plan per person
// out. Pure TypeScript (no DOM, no Node APIs): the extension's planner page and
// the CLI run the same code.
export * from "./errors.ts";
export * from "./decode.ts";
export * from "./zip.ts";
export * from "./xlsx.ts";
export * from "./table.ts";
export * from "./columns.ts";
export * from "./values.ts";
export * from "./overview.ts";
export * from "./plan.ts";
export * from "./export.ts";
