// Fast look-ups over a parsed catalogue: by ServiceID (what an AuthnRequest
// selects), by ServiceUUID (what machtigingen are registered against) and by
// name (what pages show). Built once, then every look-up is a Map hit.
import { levelToUrn } from "../identifiers.ts";
import type { Level } from "../levels.ts";
import {
  pickText,
  type Catalogue,
  type LocalizedText,
  type ServiceDefinition,
  type ServiceInstance,
  type ServiceProvider,
} from "./model.ts";

/** One service definition with what people look for, flattened. */
export interface CatalogueService {
  readonly provider: string;
  readonly providerOIN: string;
  /** The Dutch service name, which is also the machtiging's name. */
  readonly service: string;
  readonly names: readonly LocalizedText[];
  readonly serviceUUID: string;
  readonly serviceIDs: readonly string[];
  readonly level: Level;
  readonly levelURN: string;
  readonly definition: ServiceDefinition;
}

export interface CatalogueIndex {
  readonly services: readonly CatalogueService[];
  byServiceID(serviceID: string): CatalogueService | undefined;
  byServiceUUID(serviceUUID: string): CatalogueService | undefined;
  /**
   * The ServiceInstance with this ServiceID: its own ServiceUUID is the one an
   * assertion carries ("the interface specifications refer to the ServiceUUID
   * under ServiceInstance").
   */
  instanceByServiceID(serviceID: string): ServiceInstance | undefined;
  /** Services whose name (any language) is this name, ignoring case, accents and punctuation. */
  byName(name: string): readonly CatalogueService[];
  /** Services whose name or provider contains every word of the query. */
  search(query: string): CatalogueService[];
}

/** Lower case, no accents, punctuation as spaces, single spaces. */
export function normalizeName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}+]+/gu, " ")
    .trim();
}

function servicesOf(provider: ServiceProvider): CatalogueService[] {
  const providerName = pickText(provider.displayNames) ?? provider.oin;
  return provider.definitions.map((definition) => {
    const serviceIDs = provider.instances
      .filter((i) => (i.instanceOfService ?? i.serviceUUID) === definition.serviceUUID)
      .map((i) => i.serviceID);
    return {
      provider: providerName,
      providerOIN: provider.oin,
      service: pickText(definition.names) ?? definition.serviceUUID,
      names: definition.names,
      serviceUUID: definition.serviceUUID,
      serviceIDs,
      level: definition.level,
      levelURN: levelToUrn(definition.level),
      definition,
    };
  });
}

export function indexCatalogue(catalogue: Catalogue): CatalogueIndex {
  const services = catalogue.providers.flatMap(servicesOf);
  const byID = new Map<string, CatalogueService>();
  const byUUID = new Map<string, CatalogueService>();
  const byName = new Map<string, CatalogueService[]>();
  const instances = new Map<string, ServiceInstance>();
  for (const provider of catalogue.providers) {
    for (const instance of provider.instances) instances.set(instance.serviceID, instance);
  }
  const haystack: string[] = [];
  for (const service of services) {
    byUUID.set(service.serviceUUID, service);
    for (const id of service.serviceIDs) byID.set(id, service);
    const keys = new Set(service.names.map((n) => normalizeName(n.value)));
    for (const key of keys) {
      const list = byName.get(key);
      if (list) list.push(service);
      else byName.set(key, [service]);
    }
    haystack.push(normalizeName(`${[...keys].join(" ")} ${service.provider}`));
  }
  return {
    services,
    byServiceID: (id) => byID.get(id.trim()),
    byServiceUUID: (uuid) => byUUID.get(uuid.trim()),
    instanceByServiceID: (id) => instances.get(id.trim()),
    byName: (name) => byName.get(normalizeName(name)) ?? [],
    search(query) {
      const words = normalizeName(query).split(" ").filter(Boolean);
      return services.filter((_, i) => words.every((w) => haystack[i]?.includes(w)));
    },
  };
}
