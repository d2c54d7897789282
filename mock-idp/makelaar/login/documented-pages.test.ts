// docs/simulation.md's table of how a login ends, held to the real pages:
// every row is a scenario played against the makelaar, and the page it
// shows (its h1 and the first thing it says) must be the one documented, or
// none at all when the docs say the answer goes straight back to the SP.
import { readFileSync } from "node:fs";
import request from "supertest";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Level, Machtiging } from "../../../eherkenning/index.ts";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import { createMakelaar, type Makelaar } from "../app.ts";
import { testKeyPair, type TestKeyPair } from "../../saml-core/keys.ts";
import type { Person } from "../../world/model.ts";
import { SSO_URL, sendRequest, testMakelaar, testServiceProvider } from "../saml/test-support.ts";
import { startLogin } from "./testing.ts";

const DOC = new URL("../../../docs/simulation.md", import.meta.url);

/** The rows of the table that starts with "| what happened". */
function documentedEnds(): Map<string, string> {
  const lines = readFileSync(DOC, "utf8").split("\n");
  const start = lines.findIndex((line) => line.startsWith("| what happened"));
  if (start < 0) throw new Error(`no "| what happened" table in ${DOC.pathname}`);
  const rows = new Map<string, string>();
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    const [what, page] = line
      .split("|")
      .slice(1)
      .map((cell) => cell.trim());
    if (what && page) rows.set(what, page);
  }
  return rows;
}

/** What a person saw: the failure page's h1 and first words, or no page at all. */
type Seen = { readonly page: false } | { readonly heading: string; readonly says: string };

let keys: TestKeyPair;
let makelaar: Makelaar;

beforeAll(async () => {
  keys = await testKeyPair("makelaar-signing", { commonName: "eh-overstap mock makelaar signing" });
});
beforeEach(async () => {
  makelaar = await createMakelaar({ baseUrl: "http://makelaar.test", signingKeys: keys });
});

const post = (path: string, fields: Record<string, string> = {}) =>
  request(makelaar.app).post(path).type("form").send(fields);

const decode = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** Where a login ended: the page the browser is shown, or none when the answer left at once. */
async function ended(path: string, last: request.Response): Promise<Seen> {
  if (last.status === 200 && last.text.includes('name="SAMLResponse"')) return { page: false };
  const page = await request(makelaar.app).get(path).expect(200);
  const heading = /<h1>([^<]*)<\/h1>/.exec(page.text)?.[1] ?? "(no h1)";
  const says = /<p class="why"><strong>([^<]*)<\/strong>/.exec(page.text)?.[1] ?? "(nothing)";
  return { heading: decode(heading), says: decode(says) };
}

const mijnDuo = FIXTURE_SERVICES.mijnDuo;
const machtiging = (level: Level, extra: Partial<Machtiging> = {}): Machtiging => ({
  scope: { kind: "service", serviceUUID: mijnDuo.serviceUUID },
  level,
  ...extra,
});

/** A person of our own for one scenario: EH3 with a code unless said otherwise. */
function add(id: string, level: Level, machtigingen: readonly Machtiging[] | null): Person {
  const person: Person = {
    id,
    name: `Doc ${id}`,
    pseudo: `pseudo-${id}`,
    middel: {
      level,
      leverancier: "Documentatie (test)",
      username: id,
      password: "geheim",
      ...(level === "EH1" || level === "EH2"
        ? {}
        : { secondFactor: { kind: "sms", code: "112233" } }),
    },
    representations:
      machtigingen === null ? [] : [{ kvk: "99000102", machtigingen: [...machtigingen] }],
  };
  makelaar.world.putPerson(person);
  return person;
}

/** Leverancier, password (wrong ones first), code (wrong ones first). */
async function walk(
  person: Person,
  options: { wrongPasswords?: number; wrongCodes?: number } = {},
): Promise<Seen> {
  const { path } = startLogin(makelaar, { serviceID: mijnDuo.serviceID });
  await post(`${path}/leverancier`, { leverancier: person.middel.leverancier }).expect(303);
  let last = await post(`${path}/inloggen`, { username: person.id, password: "fout" });
  for (let i = 1; i < (options.wrongPasswords ?? 0); i++) {
    last = await post(`${path}/inloggen`, { username: person.id, password: "fout" });
  }
  if (options.wrongPasswords === undefined) {
    last = await post(`${path}/inloggen`, { username: person.id, password: "geheim" });
  }
  if (person.middel.secondFactor && options.wrongPasswords === undefined) {
    for (let i = 0; i < (options.wrongCodes ?? 0); i++) {
      last = await post(`${path}/code`, { code: "000000" });
    }
    if (options.wrongCodes === undefined) {
      last = await post(`${path}/code`, { code: person.middel.secondFactor.code });
    }
  }
  return ended(path, last);
}

/** An AuthnRequest through the real SSO endpoint, signed by a registered SP. */
async function viaSso(options: { requestedLevel?: Level; serviceIndex: number; at?: string }) {
  const sso = await testMakelaar();
  if (options.at) sso.world.setNow(new Date(options.at));
  sso.state.autoLogin = null;
  const sp = await testServiceProvider(sso, { acsBinding: "post" });
  const message = sp.authnRequest({
    serviceIndex: options.serviceIndex,
    binding: "redirect",
    destination: SSO_URL,
    ...(options.requestedLevel ? { requestedLevel: options.requestedLevel } : {}),
  });
  const answer = await sendRequest(sso.app, message);
  // Sent to the pages: a 303 to /login/<id>. Answered at once: the POST form.
  const toPages = answer.status === 303 && /\/login\//.test(String(answer.headers.location));
  return toPages ? { heading: "(sent to the login pages)", says: "" } : ({ page: false } as const);
}

const SCENARIOS: Record<string, () => Promise<Seen | readonly Seen[]>> = {
  success: () => walk(add("gelukt", "EH3", [machtiging("EH3")])),
  "cancel (any page)": async () => {
    const { path } = startLogin(makelaar, { serviceID: mijnDuo.serviceID });
    return ended(path, await post(`${path}/annuleren`));
  },
  "third wrong username or password": () =>
    walk(add("vergeten", "EH3", [machtiging("EH3")]), { wrongPasswords: 3 }),
  "third wrong code": () => walk(add("codeloos", "EH3", [machtiging("EH3")]), { wrongCodes: 3 }),
  "middel too low": () => walk(add("laag", "EH2", [machtiging("EH3")])),
  "EH1 middel from 2021-07-01": () => {
    makelaar.world.setNow(new Date("2021-07-02T10:00:00+02:00"));
    return walk(add("oud", "EH1", [machtiging("EH3")]));
  },
  "no machtiging": () => walk(add("zonder", "EH3", [])),
  "machtiging expired": () =>
    walk(add("verlopen", "EH3", [machtiging("EH3", { validUntil: new Date("2020-01-01") })])),
  "machtiging not yet valid": () =>
    walk(add("straks", "EH3", [machtiging("EH3", { validFrom: new Date("2099-01-01") })])),
  "machtiging too low": () => walk(add("half", "EH3", [machtiging("EH2+")])),
  "represents no organisation": () => walk(add("niemand", "EH3", null)),
  "request above the catalogue level, EH1 asked after 2021-07-01": async () => [
    await viaSso({ serviceIndex: 1, requestedLevel: "EH4" }),
    await viaSso({ serviceIndex: 2, requestedLevel: "EH1", at: "2021-07-02T10:00:00+02:00" }),
  ],
};

describe("docs/simulation.md: how a login ends, held to the real pages", () => {
  const rows = documentedEnds();

  it("documents every scenario tested here, and tests every documented row", () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(SCENARIOS).sort());
  });

  for (const [what, documented] of rows) {
    it(`${what}: ${documented}`, async () => {
      const scenario = SCENARIOS[what];
      if (!scenario) throw new Error(`no scenario for the documented row "${what}"`);
      const quoted = [...documented.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
      const expected: Seen = documented.startsWith("none")
        ? { page: false }
        : { heading: quoted[0] ?? "", says: quoted[1] ?? "" };
      const seen = await scenario();
      for (const one of Array.isArray(seen) ? seen : [seen]) expect(one).toEqual(expected);
    });
  }
});
