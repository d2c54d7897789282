// Shared set-up for the protocol tests: a small world (one organisation, a
// person at each level that matters) and a registered SP built with our sp/
// library. Test data only: KvK numbers, pseudonyms and names are invented.
import {
  entityId,
  TEST_ENTITY_INDEX,
  serviceId,
  writeCatalogue,
  type Level,
  type Machtiging,
} from "../../../eherkenning/index.ts";
import {
  FIXTURE_CATALOGUE,
  FIXTURE_SERVICES,
  inventedOin,
} from "../../../eherkenning/fixtures/catalogue.ts";
import type { Express } from "express";
import supertest from "supertest";
import { createMakelaar, type Makelaar } from "../app.ts";
import { ENDPOINTS } from "../endpoints.ts";
import { generate } from "selfsigned";
import {
  certificateBase64,
  fingerprintSha256,
  testKeyPair,
  type TestKeyPair,
} from "../../saml-core/keys.ts";
import { startServer, type RunningMakelaar } from "../server.ts";
import {
  createServiceProvider,
  type AuthnRequestMessage,
  type ServiceProvider,
} from "../../sp/index.ts";
import type { Organisation, Person, World } from "../../world/model.ts";
import { makelaarMetadataXml } from "./metadata.ts";
import { registerServiceProvider } from "./sp-registration.ts";

export const SCHOOL: Organisation = {
  kvk: "90000001",
  rsin: "900000010",
  name: "Stichting Testschool",
};

const duoMachtiging = (level: Level, extra: Partial<Machtiging> = {}): Machtiging => ({
  scope: { kind: "service", serviceUUID: FIXTURE_SERVICES.mijnDuo.serviceUUID },
  level,
  ...extra,
});

export function person(id: string, level: Level, machtigingen: readonly Machtiging[]): Person {
  return {
    id,
    name: `Test ${id}`,
    pseudo: `pseudo-${id}`,
    middel: { level, leverancier: "Testleverancier", username: id, password: "geheim" },
    representations: [{ kvk: SCHOOL.kvk, machtigingen }],
  };
}

export const PERSONS = {
  eh3: person("eh3", "EH3", [duoMachtiging("EH3")]),
  eh2plus: person("eh2plus", "EH2+", [duoMachtiging("EH3")]),
  noMachtiging: person("geen", "EH3", []),
  expired: person("verlopen", "EH3", [
    duoMachtiging("EH3", { validUntil: new Date("2024-01-01T00:00:00Z") }),
  ]),
  eh1: person("eh1", "EH1", [{ scope: { kind: "all" }, level: "EH4" }]),
  everything: person("alles", "EH4", [{ scope: { kind: "all" }, level: "EH4" }]),
} as const;

export function testWorld(): World {
  return {
    organisations: [SCHOOL],
    persons: Object.values(PERSONS),
    serviceProviders: [],
    catalogueXml: writeCatalogue(FIXTURE_CATALOGUE),
    transitions: [],
  };
}

/** Mijn DUO's ServiceID at index 1, Melding openbare ruimte (EH1) at 2, RBG at 3. */
export const SP_SERVICES = [
  { index: 1, serviceID: FIXTURE_SERVICES.mijnDuo.serviceID, name: "Mijn DUO" },
  { index: 2, serviceID: FIXTURE_SERVICES.meldingOpenbareRuimte.serviceID, name: "Melding" },
  { index: 3, serviceID: FIXTURE_SERVICES.mijnRbg.serviceID, name: "Mijn RBG" },
  {
    index: 9,
    serviceID: serviceId(inventedOin(10), 99),
    name: "Not in the catalogue",
  },
];

export const SP_ENTITY_ID = entityId("DV", inventedOin(10), TEST_ENTITY_INDEX);

export async function testServiceProvider(
  makelaar: Makelaar,
  options: {
    acsBinding?: "artifact" | "post";
    /** false: no encryption certificate (registered with the plain-identifier opt-in). */
    encryption?: boolean;
    entityID?: string;
    /** With encryption false: register without the opt-in, so registration refuses. */
    refuse?: boolean;
  } = {},
): Promise<ServiceProvider> {
  const sp = await createServiceProvider({
    entityID: options.entityID ?? SP_ENTITY_ID,
    acsUrl: "https://dv.example/acs",
    acsBinding: options.acsBinding ?? "artifact",
    services: SP_SERVICES,
    keys: {
      signing: await testKeyPair("sp-signing", { commonName: "eh-overstap test SP signing" }),
      encryption:
        options.encryption === false
          ? null
          : await testKeyPair("sp-encryption", { commonName: "eh-overstap test SP encryption" }),
    },
    makelaarMetadata: makelaarMetadataXml(makelaar),
    clock: () => makelaar.protocolNow(),
  });
  // An SP without an encryption certificate needs the test-only opt-in.
  registerServiceProvider(makelaar.state, sp.metadataXml, {
    allowPlainIdentifiers: options.encryption === false && options.refuse !== true,
  });
  return sp;
}

export const BASE_URL = "http://makelaar.test";
export const SSO_URL = `${BASE_URL}${ENDPOINTS.sso}`;

/** A makelaar app (no port) with the test world. */
export function testMakelaar(): Promise<Makelaar> {
  return createMakelaar({ baseUrl: BASE_URL, world: testWorld() });
}

/** A listening makelaar (127.0.0.1, port 0) with the test world. */
export function testServer(): Promise<RunningMakelaar> {
  return startServer({ world: testWorld() });
}

/** A fetch that calls the app in-process through supertest (no port). */
export function appFetch(app: Express): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? "GET").toUpperCase();
    let call =
      method === "POST"
        ? supertest(app).post(url.pathname + url.search)
        : supertest(app).get(url.pathname + url.search);
    for (const [name, value] of new Headers(init?.headers).entries()) call = call.set(name, value);
    const answer = await (init?.body !== undefined && init.body !== null
      ? call.send(String(init.body))
      : call);
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers as Record<string, string>)) {
      headers.set(name, String(value));
    }
    return new Response(answer.text, { status: answer.status, headers });
  }) as typeof fetch;
}

/** Sends an AuthnRequest message to the app the way a browser would. */
export function sendRequest(app: Express, message: AuthnRequestMessage): supertest.Test {
  if (message.url) {
    const url = new URL(message.url);
    return supertest(app).get(url.pathname + url.search);
  }
  const form = message.form!;
  return supertest(app).post(new URL(form.action).pathname).type("form").send(form.fields);
}

/** A TEST key pair on the P-256 curve: a key eHerkenning does not take (it asks RSA). */
export async function ecTestKeyPair(): Promise<TestKeyPair> {
  const pems = await generate([{ name: "commonName", value: "EC SP - TEST KEY - eh-overstap" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
  });
  return {
    privateKeyPem: pems.private,
    certificatePem: pems.cert,
    certificateBase64: certificateBase64(pems.cert),
    fingerprintSha256: fingerprintSha256(pems.cert),
  };
}
