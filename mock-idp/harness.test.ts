import { request } from "node:https";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./harness.ts";
import { loopbackFetch } from "./replica/loopback-fetch.ts";
import { pageText } from "./replica/test-support.ts";

let harness: Harness;
let get: typeof fetch;
beforeAll(async () => {
  harness = await startHarness({ now: new Date("2022-04-20T09:00:00+02:00") });
  get = loopbackFetch({ port: harness.port, certificatePem: harness.certificatePem });
});
afterAll(() => harness.stop());
beforeEach(() => harness.reset());

/** A browser's cookies, per host: enough for the replicas' session and login cookies. */
class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();
  take(url: string, answer: Response): void {
    const host = new URL(url).hostname;
    for (const set of answer.headers.getSetCookie()) {
      const [pair = ""] = set.split(";");
      const eq = pair.indexOf("=");
      const cookies = this.byHost.get(host) ?? new Map<string, string>();
      cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
      this.byHost.set(host, cookies);
    }
  }
  header(url: string): Record<string, string> {
    const cookies = this.byHost.get(new URL(url).hostname);
    if (!cookies?.size) return {};
    return { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; ") };
  }
}

/**
 * Follows one login the way a browser would (auto-login skips the makelaar's
 * pages), up to the page after the ACS, or stops before the ACS when `acsHost`
 * is reached and `stopAtAcs` is set.
 */
async function eherkenningLogin(
  start: string,
  acsHost: string,
  jar = new CookieJar(),
  stopAtAcs = false,
): Promise<{ page: Response; cookie: string; acsUrl: string }> {
  let url = start;
  let answer = await get(url, { method: "POST", headers: jar.header(url) });
  let cookie = "";
  let acsUrl = "";
  for (let hop = 0; hop < 6 && answer.status >= 300 && answer.status < 400; hop++) {
    jar.take(url, answer);
    const location = new URL(answer.headers.get("location") ?? "", url).href;
    const setCookie = answer.headers.get("set-cookie");
    if (setCookie && new URL(location).hostname === acsHost && !setCookie.includes("LOGIN"))
      cookie = setCookie.split(";")[0] ?? cookie;
    if (!acsUrl && new URL(location).searchParams.has("SAMLart")) {
      acsUrl = location;
      if (stopAtAcs) break;
    }
    url = location;
    answer = await get(url, { headers: jar.header(url) });
  }
  return { page: answer, cookie, acsUrl };
}

describe("startHarness", () => {
  it("binds 127.0.0.1 on a free port and gives Chromium's resolver rules for it", () => {
    expect(harness.address).toBe("127.0.0.1");
    expect(harness.port).toBeGreaterThan(0);
    expect(harness.hostResolverRules).toContain(`MAP mijn.duo.nl 127.0.0.1:${harness.port}`);
    expect(harness.url("mijnDuo")).toBe("https://mijn.duo.nl/");
  });

  it("routes by Host to each replica and the makelaar over HTTPS with its TEST certificate", async () => {
    const pages: [string, RegExp][] = [
      ["https://mijn.duo.nl/", /Met eHerkenning/],
      ["https://www.eherkenning.nl/aangesloten-organisaties", /Aangesloten organisaties/],
      ["https://aggregator.etoegang.nl/1.13/servicecatalog.xml", /<ds:Signature/],
      ["https://loket.zuiderwaard.test/", /Melding bedrijfsafval/],
      ["https://makelaar.eh-overstap.test/broker/metadata/1.13", /IDPSSODescriptor/],
    ];
    for (const [url, expected] of pages) {
      const answer = await get(url);
      expect(answer.status, url).toBe(200);
      expect(await answer.text(), url).toMatch(expected);
    }
  });

  it("answers an unknown host with a 404 page listing the hosts it serves", async () => {
    // The TEST certificate does not name this host, so this one request skips the check.
    const { status, text } = await new Promise<{ status: number; text: string }>((done, fail) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: harness.port,
          headers: { host: "www.example.nl" },
          rejectUnauthorized: false,
        },
        (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
          res.on("end", () => done({ status: res.statusCode ?? 0, text: body }));
        },
      );
      req.on("error", fail);
      req.end();
    });
    expect(status).toBe(404);
    expect(text).toContain("No replica for “www.example.nl”");
    expect(text).toContain("https://mijn.duo.nl/");
  });

  it("registers both replica SPs with the makelaar, and keeps them after reset", () => {
    const registered = () => harness.makelaar.state.serviceProviders.map((sp) => sp.entityID);
    expect(registered()).toHaveLength(2);
    harness.reset();
    expect(registered()).toHaveLength(2);
  });
});

describe("Mijn DUO's eHerkenning login (SAML through the harness's own listener)", () => {
  it("asks for Mijn DUO voor zakelijke klanten and shows who logged in, for which organisation and level", async () => {
    harness.makelaar.state.autoLogin = { personId: "jan-eh3", kvk: "99000102" };
    const { page, cookie } = await eherkenningLogin(
      "https://mijn.duo.nl/isam/sps/eh/login",
      "mijn.duo.nl",
    );
    expect(page.status).toBe(200);
    expect(cookie).toMatch(/^MDSESSION=/);
    const request = harness.makelaar.state.requests.find((r) => r.kind === "AuthnRequest");
    expect(request?.serviceID).toBe("urn:etoegang:DV:00000099000000000010:services:1");
    expect(request?.errors).toEqual([]);
    const portal = pageText(await page.text());
    expect(portal).toContain("U bent ingelogd als Jan de Vries");
    expect(portal).toContain("Organisatie ROC Zuiderwaard KvK-nummer 99000102");
    expect(portal).toContain("Ingelogd met eHerkenning, niveau EH3");
    expect(portal).toContain("Rollen Beheerder BVE");
  });

  it("tells a person whose eHerkenning has no Mijn DUO account that their beheerder must add them", async () => {
    const jan = harness.world.person("jan-eh3");
    if (!jan) throw new Error("jan-eh3 missing from the default world");
    const { duo: _account, ...withoutAccount } = jan;
    harness.world.putPerson({
      ...withoutAccount,
      id: "nieuw-eh3",
      pseudo: "pseudo-nieuw",
    });
    harness.makelaar.state.autoLogin = { personId: "nieuw-eh3", kvk: "99000102" };
    const { page } = await eherkenningLogin("https://mijn.duo.nl/isam/sps/eh/login", "mijn.duo.nl");
    const portal = pageText(await page.text());
    expect(portal).toContain("Uw eHerkenning is nog niet gekoppeld aan een account in Mijn DUO.");
    expect(portal).toContain("Rollen Geen rollen gevonden");
    expect(portal).not.toContain("Wat wilt u doen?");
  });

  it("explains a refusal in Dutch on the ACS page", async () => {
    harness.makelaar.state.autoLogin = { personId: "piet-eh2plus", kvk: "99000103" };
    const { page } = await eherkenningLogin("https://mijn.duo.nl/isam/sps/eh/login", "mijn.duo.nl");
    expect(page.status).toBe(200);
    const text = pageText(await page.text());
    expect(text).toContain("Uw eHerkenningsmiddel heeft een te laag niveau");
    expect(text).toContain("uw middel heeft niveau EH2+");
  });
});

describe("an answer is finished only in the browser that started its login", () => {
  it("refuses a login planted from another browser (login CSRF): the victim sees an invalid login attempt, not the attacker's account", async () => {
    harness.makelaar.state.autoLogin = { personId: "jan-eh3", kvk: "99000102" };
    const attacker = await eherkenningLogin(
      "https://mijn.duo.nl/isam/sps/eh/login",
      "mijn.duo.nl",
      new CookieJar(),
      true,
    );
    expect(attacker.acsUrl).toContain("/isam/sps/eh/acs?SAMLart=");
    // The victim started a login of their own, so their browser has a login cookie too.
    const victim = new CookieJar();
    await eherkenningLogin("https://mijn.duo.nl/isam/sps/eh/login", "mijn.duo.nl", victim, true);
    const planted = await get(attacker.acsUrl, { headers: victim.header(attacker.acsUrl) });
    expect(planted.status).toBe(303);
    victim.take(attacker.acsUrl, planted);
    const shown = new URL(planted.headers.get("location") ?? "", attacker.acsUrl).href;
    const page = pageText(await (await get(shown, { headers: victim.header(shown) })).text());
    expect(page).toContain("Deze inlogpoging is niet meer geldig");
    const portal = await get("https://mijn.duo.nl/portaal/", {
      headers: victim.header("https://mijn.duo.nl/"),
    });
    expect(portal.status).toBe(303);
  });
});

describe("Gemeente Zuiderwaard's transition", () => {
  it("asks EH1 before 2021-06-01 and its catalogue level EH2+ after", async () => {
    harness.world.setNow(new Date("2021-05-20T10:00:00+02:00"));
    harness.makelaar.state.autoLogin = { personId: "henk-eh1", kvk: "99000201" };
    const before = await eherkenningLogin(
      "https://loket.zuiderwaard.test/inloggen",
      "loket.zuiderwaard.test",
    );
    expect(pageText(await before.page.text())).toContain("Niveau van inloggen EH1");
    harness.world.setNow(new Date("2021-06-02T10:00:00+02:00"));
    const after = await eherkenningLogin(
      "https://loket.zuiderwaard.test/inloggen",
      "loket.zuiderwaard.test",
    );
    expect(pageText(await after.page.text())).toContain(
      "Uw eHerkenningsmiddel heeft een te laag niveau",
    );
    const asked = harness.makelaar.state.requests
      .filter((r) => r.kind === "AuthnRequest")
      .map((r) => r.requestedLevel);
    expect(asked).toEqual(["EH1", "EH2+"]);
  });
});

describe("bad input", () => {
  it("gets a clear 4xx page, never a crash or a stack trace", async () => {
    const huge = await get("https://mijn.duo.nl/isam/token/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `username=${"x".repeat(100_000)}`,
    });
    expect(huge.status).toBe(413);
    expect(pageText(await huge.text())).toContain("Het formulier is te groot.");

    const malformed = await get(
      "https://www.eherkenning.nl/inloggen-met-eherkenning/betrouwbaarheidsniveaus/%E0%A4%A",
    );
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).not.toMatch(/at .*\.ts:\d+/);

    const junk = await get("https://mijn.duo.nl/isam/sps/eh/acs?SAMLart=bm90LWFuLWFydGlmYWN0");
    expect(junk.status).toBe(303);
    const cookie = junk.headers.get("set-cookie")?.split(";")[0] ?? "";
    const explained = await get(`https://mijn.duo.nl${junk.headers.get("location") ?? ""}`, {
      headers: { cookie },
    });
    expect(pageText(await explained.text())).toMatch(
      /Deze inlogpoging is niet meer geldig|Het antwoord van eHerkenning is niet vertrouwd/,
    );

    expect((await get("https://mijn.duo.nl/")).status).toBe(200);
  });
});
