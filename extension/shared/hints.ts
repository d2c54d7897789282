// The hint rules: what a person should know about one catalogue service today.
// Built on the shared overstap rules, so the extension and the mock makelaar
// cannot disagree about what a login needs.
import type { CatalogueService } from "../../eherkenning/catalogue/lookup.ts";
import { normalizeName } from "../../eherkenning/catalogue/lookup.ts";
import { SERVICE_ALIASES } from "../../eherkenning/catalogue/aliases.ts";
import type { LevelReading } from "../../eherkenning/level-phrases.ts";
import { EH1_RETIRED_ON, isAtLeast, type Level } from "../../eherkenning/levels.ts";
import { requiredLevel, serviceRef } from "../../eherkenning/overstap.ts";
import {
  KNOWN_OVERSTAPPEN,
  KNOWN_TRANSITIONS,
  type KnownOverstap,
} from "../../eherkenning/known-overstappen.ts";

export type Hint =
  /** The catalogue level is higher, but a lower level is still accepted until a date. */
  | { readonly kind: "transition"; readonly acceptedLevel: Level; readonly until: string }
  /** The service was at EH1 and moved up when EH1 was retired. */
  | { readonly kind: "formerEh1"; readonly to: Level; readonly retiredOn: string }
  /** The catalogue still lists EH1, which cannot be used any more. */
  | { readonly kind: "eh1Registered"; readonly retiredOn: string }
  /** The service replaced another login (the DUO token) by eHerkenning; `past` once the day DUO asked for has gone. */
  | {
      readonly kind: "tokenPhasedOut";
      readonly to: Level;
      readonly deadline: string;
      readonly past: boolean;
    }
  /** The page states other levels than the catalogue's (a set: "niveau 2 of 2+"). */
  | {
      readonly kind: "statedDiffers";
      readonly stated: readonly Level[];
      readonly orHigher: boolean;
      readonly catalogue: Level;
    }
  /** The person's middel is below what the service needs today. */
  | { readonly kind: "middelTooLow"; readonly middel: Level; readonly needed: Level };

export interface HintContext {
  readonly now: Date;
  /** The levels the page states for the service. */
  readonly stated?: LevelReading | undefined;
  readonly middelLevel?: Level | null | undefined;
}

const iso = (date: Date): string => date.toISOString();

const BY_UUID = new Map(KNOWN_OVERSTAPPEN.map((o) => [o.serviceUUID, o]));
const aliasesOf = (service: string): string[] =>
  SERVICE_ALIASES.filter((a) => normalizeName(a.service) === normalizeName(service)).flatMap((a) =>
    a.aliases.map((alias) => alias.name),
  );
const BY_NAME = new Map(
  KNOWN_OVERSTAPPEN.flatMap((o) =>
    [o.service, ...aliasesOf(o.service)].map((name) => [normalizeName(name), o] as const),
  ),
);

/** The known overstap of a service: by ServiceUUID, else by its name or an alias. */
export function knownOverstapFor(service: CatalogueService): KnownOverstap | undefined {
  const byUUID = BY_UUID.get(service.serviceUUID);
  if (byUUID) return byUUID;
  for (const name of service.names) {
    const found = BY_NAME.get(normalizeName(name.value));
    if (found) return found;
  }
  return undefined;
}

export function hintsFor(service: CatalogueService, context: HintContext): Hint[] {
  const hints: Hint[] = [];
  const overstap = knownOverstapFor(service);
  const transitions = overstap?.transition
    ? [{ ...overstap.transition, serviceUUID: service.serviceUUID }]
    : KNOWN_TRANSITIONS;
  const requirement = requiredLevel(serviceRef(service), undefined, transitions, context.now);
  if (requirement.ok && requirement.transition) {
    hints.push({
      kind: "transition",
      acceptedLevel: requirement.transition.acceptedLevel,
      until: iso(requirement.transition.until),
    });
  }
  if (service.level === "EH1") {
    hints.push({ kind: "eh1Registered", retiredOn: iso(EH1_RETIRED_ON) });
  } else if (overstap?.from === "EH1") {
    hints.push({ kind: "formerEh1", to: service.level, retiredOn: iso(EH1_RETIRED_ON) });
  }
  if (overstap?.from === "DUO token") {
    const deadline = overstap.milestones.reduce((a, b) => (b.date > a.date ? b : a));
    hints.push({
      kind: "tokenPhasedOut",
      to: service.level,
      deadline: iso(deadline.date),
      past: context.now.getTime() >= deadline.date.getTime(),
    });
  }
  if (context.stated && !context.stated.levels.includes(service.level)) {
    const { levels, orHigher } = context.stated;
    const stated = orHigher ? levels.slice(0, 1) : levels;
    hints.push({ kind: "statedDiffers", stated, orHigher, catalogue: service.level });
  }
  const needed = requirement.ok ? requirement.minimumLevel : service.level;
  if (context.middelLevel && !isAtLeast(context.middelLevel, needed)) {
    hints.push({ kind: "middelTooLow", middel: context.middelLevel, needed });
  }
  return hints;
}
