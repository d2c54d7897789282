// Answers to the content script's, popup's and options page's questions, from
// the catalogue in use and the person's settings. No browser APIs here.
import type { CatalogueIndex, CatalogueService } from "../../eherkenning/catalogue/lookup.ts";
import type { LevelReading } from "../../eherkenning/level-phrases.ts";
import { isAtLeast, type Level } from "../../eherkenning/levels.ts";
import { requiredLevel, serviceRef } from "../../eherkenning/overstap.ts";
import { KNOWN_TRANSITIONS } from "../../eherkenning/known-overstappen.ts";
import { hintsFor } from "../shared/hints.ts";
import { readLevels } from "../../eherkenning/level-phrases.ts";
import { recogniserFor } from "../../eherkenning/catalogue/recognise.ts";
import type { LookupItem, MyServiceAnswer, ServiceAnswer } from "../shared/messages.ts";
import type { Settings } from "../shared/settings.ts";

/** The most items one look-up answers; a page with more sends several. */
export const MAX_BATCH = 1000;

function answer(
  service: CatalogueService,
  settings: Settings,
  now: Date,
  options: { stated?: LevelReading | undefined; confidence?: "certain" | "likely" } = {},
): ServiceAnswer {
  return {
    service: service.service,
    provider: service.provider,
    serviceUUID: service.serviceUUID,
    level: service.level,
    confidence: options.confidence ?? "certain",
    hints: hintsFor(service, { now, stated: options.stated, middelLevel: settings.middelLevel }),
  };
}

export function lookUp(
  index: CatalogueIndex,
  items: readonly LookupItem[],
  settings: Settings,
  now: Date,
): (ServiceAnswer | null)[] {
  // Long listings repeat names (one row per instance or region): answer each once.
  const answered = new Map<string, ServiceAnswer | null>();
  const recogniser = recogniserFor(index);
  return items.slice(0, MAX_BATCH).map((item) => {
    if (typeof item?.name !== "string") return null;
    const provider = typeof item.provider === "string" ? item.provider : undefined;
    const statedText = typeof item.stated === "string" ? item.stated.slice(0, 200) : undefined;
    const key = JSON.stringify([item.name, provider, statedText, item.statedAlone === true]);
    let result = answered.get(key);
    if (result === undefined) {
      const found = recogniser.recognise({ text: item.name, provider });
      const stated = statedText
        ? readLevels(statedText, { bare: item.statedAlone === true })
        : undefined;
      result =
        found.kind === "service"
          ? answer(found.service, settings, now, { stated, confidence: found.confidence })
          : null;
      answered.set(key, result);
    }
    return result;
  });
}

export function myServices(
  index: CatalogueIndex,
  settings: Settings,
  pageLevel: Level,
  now: Date,
): MyServiceAnswer[] {
  return settings.myServices.flatMap((uuid) => {
    const service = index.byServiceUUID(uuid);
    if (!service) return [];
    const requirement = requiredLevel(serviceRef(service), undefined, KNOWN_TRANSITIONS, now);
    const needed = requirement.ok ? requirement.minimumLevel : service.level;
    return [{ ...answer(service, settings, now), enough: isAtLeast(pageLevel, needed) }];
  });
}

export function search(
  index: CatalogueIndex,
  query: string,
  settings: Settings,
  now: Date,
): ServiceAnswer[] {
  if (query.trim().length < 2) return [];
  return index
    .search(query)
    .slice(0, 20)
    .map((s) => answer(s, settings, now));
}

export function byUUID(
  index: CatalogueIndex,
  uuids: readonly string[],
  settings: Settings,
  now: Date,
): ServiceAnswer[] {
  return uuids.flatMap((uuid) => {
    const service = index.byServiceUUID(uuid);
    return service ? [answer(service, settings, now)] : [];
  });
}
