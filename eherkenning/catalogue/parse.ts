// Reads ESC XML (the dienstencatalogus) of any version into the typed model.
//
// A streaming parser (saxes) instead of DOMParser: the extension parses in a
// service worker, where there is no DOM, and a streaming pass keeps a 10,000
// service catalogue well within the time budget. Elements are matched by local
// name below a root in an etoegang service-catalog namespace, and attributes by
// local name, because real generators differ in prefixes and in whether
// attributes are namespace-qualified.
import { SaxesParser, type SaxesTagNS } from "saxes";
import { levelFromUrn } from "../identifiers.ts";
import type { Level } from "../levels.ts";
import { CatalogueError } from "./errors.ts";
import type {
  Catalogue,
  EntityConcernedType,
  LocalizedText,
  RequestedAttribute,
  ServiceDefinition,
  ServiceInstance,
  ServiceProvider,
} from "./model.ts";

/** 1.11, 1.13 and any later 1.x namespace. */
const CATALOGUE_NAMESPACE = /^urn:etoegang:1\.\d+:service-catalog$/;
const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

export const DEFAULT_MAX_CATALOGUE_BYTES = 32 * 1024 * 1024;

export interface ParseOptions {
  /** Refuse larger input (counted in UTF-16 code units, close to bytes for XML). */
  readonly maxBytes?: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };

interface DefinitionDraft extends Partial<Mutable<ServiceDefinition>> {
  isPublic: boolean;
  names: LocalizedText[];
  descriptions: LocalizedText[];
  descriptionURLs: LocalizedText[];
  entityConcernedTypesAllowed: EntityConcernedType[];
  serviceRestrictionsAllowed: string[];
  requestedAttributes: RequestedAttribute[];
  line: number;
}

interface InstanceDraft extends Partial<Mutable<ServiceInstance>> {
  isPublic: boolean;
  serviceURLs: LocalizedText[];
  privacyPolicyURLs: LocalizedText[];
  serviceCertificates: string[];
  classifiers: string[];
  line: number;
}

interface ProviderDraft {
  oin?: string;
  isPublic: boolean;
  displayNames: LocalizedText[];
  definitions: ServiceDefinition[];
  instances: ServiceInstance[];
  line: number;
}

function attribute(tag: SaxesTagNS, localName: string): string | undefined {
  for (const key in tag.attributes) {
    const attr = tag.attributes[key];
    if (attr && attr.local === localName && attr.uri !== XML_NAMESPACE) return attr.value;
  }
  return undefined;
}

function language(tag: SaxesTagNS): string {
  for (const key in tag.attributes) {
    const attr = tag.attributes[key];
    if (attr && attr.local === "lang" && attr.uri === XML_NAMESPACE) return attr.value;
  }
  return "nl";
}

function flag(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  return v === "true" || v === "1";
}

function formatSize(chars: number): string {
  return `${(chars / (1024 * 1024)).toFixed(1)} MB`;
}

export function parseCatalogue(xml: string, options: ParseOptions = {}): Catalogue {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_CATALOGUE_BYTES;
  if (xml.length > maxBytes) {
    throw new CatalogueError(
      `the catalogue is ${formatSize(xml.length)}, more than the ${formatSize(maxBytes)} limit`,
    );
  }
  const start = xml.search(/\S/);
  if (start === -1) throw new CatalogueError("the catalogue is empty");
  // \S skips a byte-order mark, which JavaScript counts as white space.
  if (xml[start] !== "<") {
    throw new CatalogueError(
      `not XML: it starts with ${JSON.stringify(xml.slice(start, start + 20))}`,
    );
  }

  const parser = new SaxesParser({ xmlns: true, position: true });
  let root: { id?: string; issueInstant?: string; version?: string } | undefined;
  const providers: ServiceProvider[] = [];
  let provider: ProviderDraft | undefined;
  let definition: DefinitionDraft | undefined;
  let instance: InstanceDraft | undefined;
  let requested:
    { name: string; isRequired?: boolean; purposeStatements: LocalizedText[] } | undefined;
  let text = "";
  let lang = "nl";
  let setNumber: string | undefined;
  // Depth of a subtree we pass over (the catalogue's own ds:Signature).
  let skipping = 0;
  let depth = 0;

  const fail = (message: string, line = parser.line): never => {
    throw new CatalogueError(message, line);
  };

  parser.on("doctype", () => fail("a DOCTYPE is not allowed in a catalogue"));

  parser.on("opentag", (tag) => {
    depth++;
    if (skipping > 0) {
      skipping++;
      return;
    }
    text = "";
    const local = tag.local;
    if (depth === 1) {
      if (local !== "ServiceCatalogue" || !CATALOGUE_NAMESPACE.test(tag.uri)) {
        fail(
          `wrong root element <${tag.name}>${tag.uri ? ` in ${tag.uri}` : ""}: expected ` +
            "ServiceCatalogue in an urn:etoegang:1.x:service-catalog namespace",
        );
      }
      root = {};
      const id = attribute(tag, "ID");
      const issueInstant = attribute(tag, "IssueInstant");
      const version = attribute(tag, "Version");
      if (id !== undefined) root.id = id;
      if (issueInstant !== undefined) root.issueInstant = issueInstant;
      if (version !== undefined) root.version = version;
      return;
    }
    switch (local) {
      case "Signature":
        if (depth === 2) skipping = 1;
        return;
      case "ServiceProvider":
        provider = {
          isPublic: flag(attribute(tag, "IsPublic")) ?? true,
          displayNames: [],
          definitions: [],
          instances: [],
          line: parser.line,
        };
        return;
      case "ServiceDefinition": {
        const isPortal = flag(attribute(tag, "IsPortal"));
        definition = {
          isPublic: flag(attribute(tag, "IsPublic")) ?? true,
          names: [],
          descriptions: [],
          descriptionURLs: [],
          entityConcernedTypesAllowed: [],
          serviceRestrictionsAllowed: [],
          requestedAttributes: [],
          line: parser.line,
        };
        if (isPortal !== undefined) definition.isPortal = isPortal;
        return;
      }
      case "ServiceInstance":
        instance = {
          isPublic: flag(attribute(tag, "IsPublic")) ?? true,
          serviceURLs: [],
          privacyPolicyURLs: [],
          serviceCertificates: [],
          classifiers: [],
          line: parser.line,
        };
        return;
      case "RequestedAttribute": {
        const name = attribute(tag, "Name") ?? fail("RequestedAttribute has no Name");
        const isRequired = flag(attribute(tag, "isRequired"));
        requested = { name, purposeStatements: [] };
        if (isRequired !== undefined) requested.isRequired = isRequired;
        return;
      }
      case "EntityConcernedTypesAllowed":
        setNumber = attribute(tag, "setNumber");
        return;
      default:
        lang = language(tag);
    }
  });

  parser.on("text", (chunk) => {
    if (skipping === 0) text += chunk;
  });
  parser.on("cdata", (chunk) => {
    if (skipping === 0) text += chunk;
  });

  parser.on("closetag", (tag) => {
    depth--;
    if (skipping > 0) {
      skipping--;
      return;
    }
    const value = text.trim();
    const localized = { lang, value };
    switch (tag.local) {
      case "ServiceProviderID":
        if (provider) provider.oin = value;
        break;
      case "OrganizationDisplayName":
        provider?.displayNames.push(localized);
        break;
      case "ServiceUUID":
        if (instance) instance.serviceUUID = value;
        else if (definition) definition.serviceUUID = value;
        break;
      case "ServiceName":
        definition?.names.push(localized);
        break;
      case "ServiceDescription":
        definition?.descriptions.push(localized);
        break;
      case "ServiceDescriptionURL":
        definition?.descriptionURLs.push(localized);
        break;
      case "AuthnContextClassRef":
        if (definition) definition.level = levelOf(value, definition);
        break;
      case "HerkenningsmakelaarId":
        if (instance) instance.herkenningsmakelaarId = value;
        else if (definition) definition.herkenningsmakelaarId = value;
        break;
      case "EntityConcernedTypesAllowed":
        definition?.entityConcernedTypesAllowed.push(
          setNumber === undefined ? { type: value } : { type: value, setNumber },
        );
        break;
      case "ServiceRestrictionsAllowed":
        definition?.serviceRestrictionsAllowed.push(value);
        break;
      case "PurposeStatement":
        requested?.purposeStatements.push(localized);
        break;
      case "RequestedAttribute":
        if (requested) definition?.requestedAttributes.push(requested);
        requested = undefined;
        break;
      case "ServiceID":
        if (instance) instance.serviceID = value;
        break;
      case "InstanceOfService":
        if (instance) instance.instanceOfService = value;
        break;
      case "ServiceURL":
        instance?.serviceURLs.push(localized);
        break;
      case "PrivacyPolicyURL":
        instance?.privacyPolicyURLs.push(localized);
        break;
      case "SSOSupport":
        if (instance) instance.ssoSupport = flag(value) ?? false;
        break;
      case "X509Certificate":
        instance?.serviceCertificates.push(value.replace(/\s+/g, ""));
        break;
      case "Classifier":
        instance?.classifiers.push(value);
        break;
      case "ServiceDefinition":
        if (definition && provider) provider.definitions.push(finishDefinition(definition));
        definition = undefined;
        break;
      case "ServiceInstance":
        if (instance && provider) provider.instances.push(finishInstance(instance));
        instance = undefined;
        break;
      case "ServiceProvider":
        if (provider) providers.push(finishProvider(provider));
        provider = undefined;
        break;
    }
    text = "";
  });

  function levelOf(urn: string, draft: DefinitionDraft): Level {
    if (urn === "")
      fail(`ServiceDefinition ${draft.serviceUUID ?? ""} has an empty AuthnContextClassRef`);
    return levelFromUrn(urn) ?? fail(`unknown level URN "${urn}" (AuthnContextClassRef)`);
  }

  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof CatalogueError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    // saxes prefixes its messages with "line:column: ".
    throw new CatalogueError(`not well-formed XML: ${detail}`);
  }
  if (!root) throw new CatalogueError("no root element: this is not XML");
  return { ...root, providers };
}

function required<T>(value: T | undefined, what: string, where: string, line: number): T {
  if (value === undefined || value === "")
    throw new CatalogueError(`${where} has no ${what}`, line);
  return value;
}

function finishDefinition(d: DefinitionDraft): ServiceDefinition {
  const uuid = required(d.serviceUUID, "ServiceUUID", "ServiceDefinition", d.line);
  const where = `ServiceDefinition ${uuid}`;
  if (d.names.length === 0) throw new CatalogueError(`${where} has no ServiceName`, d.line);
  const { line: _line, ...rest } = d;
  return {
    ...rest,
    serviceUUID: uuid,
    level: required(d.level, "AuthnContextClassRef (the required level)", where, d.line),
    herkenningsmakelaarId: d.herkenningsmakelaarId ?? "",
  };
}

function finishInstance(i: InstanceDraft): ServiceInstance {
  const serviceID = required(i.serviceID, "ServiceID", "ServiceInstance", i.line);
  const { line: _line, ...rest } = i;
  return {
    ...rest,
    serviceID,
    serviceUUID: required(i.serviceUUID, "ServiceUUID", `ServiceInstance ${serviceID}`, i.line),
    herkenningsmakelaarId: i.herkenningsmakelaarId ?? "",
  };
}

function finishProvider(p: ProviderDraft): ServiceProvider {
  return {
    oin: required(p.oin, "ServiceProviderID (OIN)", "ServiceProvider", p.line),
    isPublic: p.isPublic,
    displayNames: p.displayNames,
    definitions: p.definitions,
    instances: p.instances,
  };
}
