// One running makelaar, many workers: each namespace its own world, clock,
// logins and logs, chosen by a header (admin client) or a cookie (browser);
// an artifact is resolved by the namespace that issued it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_SERVICES } from "../../eherkenning/fixtures/catalogue.ts";
import { createAdminClient, type AdminClient } from "./admin/client.ts";
import { NAMESPACE_COOKIE, NAMESPACE_HEADER, namespaced } from "./namespaces.ts";
import {
  PERSONS,
  SCHOOL,
  testServer,
  testServiceProvider,
  testWorld,
} from "./saml/test-support.ts";
import type { RunningMakelaar } from "./server.ts";
import { createMakelaar } from "./app.ts";

let running: RunningMakelaar;
let a: AdminClient;
let b: AdminClient;
let root: AdminClient;

beforeAll(async () => {
  running = await testServer();
  a = createAdminClient(running.url, { namespace: "worker-a" });
  b = createAdminClient(running.url, { namespace: "worker-b" });
  root = createAdminClient(running.url);
});
afterAll(async () => {
  await running.stop();
});

describe("namespaces in one makelaar", () => {
  it("keep their own business clock, auto-login and logs", async () => {
    await a.setClock("2021-06-30T12:00:00+02:00");
    await b.setClock("2022-06-01T12:00:00+02:00");
    await a.setAutoLogin(PERSONS.eh3.id, SCHOOL.kvk);

    expect((await a.clock()).now.slice(0, 10)).toBe("2021-06-30");
    expect((await b.clock()).now.slice(0, 10)).toBe("2022-06-01");
    expect((await root.clock()).simulated).toBe(false);
    expect(await a.autoLogin()).toEqual({ user: PERSONS.eh3.id, kvk: SCHOOL.kvk });
    expect(await b.autoLogin()).toBeNull();
    expect(await root.autoLogin()).toBeNull();
  });

  it("send a browser to its namespace by the cookie, and resolve the artifact there without it", async () => {
    await a.reset();
    const sp = await testServiceProvider(await running.namespace("worker-a"));
    await a.setAutoLogin(PERSONS.eh3.id, SCHOOL.kvk);
    const message = sp.authnRequest({
      serviceIndex: 1,
      binding: "redirect",
      destination: `${running.url}/broker/sso/1.13`,
    });
    const url = new URL(message.url!);
    const redirect = await fetch(`${running.url}${url.pathname}${url.search}`, {
      headers: { cookie: `${NAMESPACE_COOKIE}=worker-a` },
      redirect: "manual",
    });
    expect(redirect.status).toBe(303);
    const samlArt = new URL(redirect.headers.get("location")!).searchParams.get("SAMLart")!;

    // The SP's back channel names no namespace.
    const result = await sp.resolveArtifact(samlArt, { arsUrl: `${running.url}/broker/ars/1.13` });
    expect(result).toMatchObject({ ok: true, level: "EH3", inResponseTo: message.id });
    expect((await a.requests()).map((r) => r.kind)).toEqual(["AuthnRequest", "ArtifactResolve"]);
    expect(await b.requests()).toEqual([]);
    expect(await root.requests()).toEqual([]);
  });

  it("refuses a namespace name it cannot use, naming the header and the cookie", async () => {
    const answer = await fetch(`${running.url}/__admin/clock`, {
      headers: { [NAMESPACE_HEADER]: "no spaces please" },
    });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toMatch(
      /^Namespace "no spaces please" \(x-eh-overstap-namespace header or eh-overstap-namespace cookie\): use letters/,
    );
  });

  it("forget the namespace used least recently when there are too many", async () => {
    const first = await createMakelaar({ baseUrl: "http://makelaar.test", world: testWorld() });
    const served = namespaced(
      first,
      () =>
        createMakelaar({
          baseUrl: "http://makelaar.test",
          world: testWorld(),
          signingKeys: first.signingKeys,
        }),
      2,
    );
    const one = await served.namespace("one");
    await served.namespace("two");
    expect(await served.namespace("one")).toBe(one);
    await served.namespace("three");
    expect(served.names()).toEqual(["one", "three"]);
  });
});

describe("PUT /__admin/world: a world file for one namespace", () => {
  const upload = {
    source: "world.yaml",
    config: {
      now: "2021-05-01T10:00:00+02:00",
      organisations: [{ kvk: "99090001", rsin: "990900011", name: "Polderpop B.V." }],
      users: [
        {
          id: "eva",
          name: "Eva",
          middel: { level: "EH3", password: "geheim", secondFactor: "123456" },
          organisations: [
            {
              kvk: "99090001",
              machtigingen: [{ service: FIXTURE_SERVICES.mijnDuo.serviceUUID, level: "EH3" }],
            },
          ],
        },
      ],
    },
    files: {},
  };

  it("replaces that namespace's world, and its reset returns to it", async () => {
    await b.replaceWorld(upload);
    await b.setClock("2030-01-01");
    await b.reset();

    expect((await b.persons()).map((p) => p.id)).toEqual(["eva"]);
    expect((await b.clock()).now.slice(0, 10)).toBe("2021-05-01");
    expect((await a.persons()).map((p) => p.id)).toContain(PERSONS.eh3.id);
  });

  it("names the file and the path of each problem, as --config does", async () => {
    await expect(
      b.replaceWorld({
        source: "world.yaml",
        config: { catalogue: "catalogue.xml", users: [{ id: "x" }] },
        files: {},
      }),
    ).rejects.toThrow(
      /world\.yaml: catalogue: cannot read the catalogue "catalogue\.xml": it was not sent/,
    );
  });
});
