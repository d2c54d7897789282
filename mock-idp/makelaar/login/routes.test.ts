import request from "supertest";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { levelToUrn, type Level } from "../../../eherkenning/index.ts";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import { createMakelaar, type Makelaar } from "../app.ts";
import { testKeyPair, type TestKeyPair } from "../../saml-core/keys.ts";
import { DEFAULT_PERSONS, KVK, LEVERANCIERS } from "../../world/default.ts";
import { answerInForm, startLogin, TEST_ACS_URL, type StartOptions } from "./testing.ts";

let keys: TestKeyPair;
let makelaar: Makelaar;
let app: Makelaar["app"];

beforeAll(async () => {
  keys = await testKeyPair("makelaar-signing", { commonName: "eh-overstap mock makelaar signing" });
});
beforeEach(async () => {
  makelaar = await createMakelaar({ baseUrl: "http://makelaar.test", signingKeys: keys });
  app = makelaar.app;
});

const person = (id: string) => {
  const found = DEFAULT_PERSONS.find((p) => p.id === id);
  if (!found) throw new Error(`no default person ${id}`);
  return found;
};

const setClock = (iso: string) => makelaar.world.setNow(new Date(iso));

function begin(options: Partial<StartOptions> = {}) {
  return startLogin(makelaar, { serviceID: FIXTURE_SERVICES.mijnDuo.serviceID, ...options });
}

const post = (path: string, fields: Record<string, string> = {}) =>
  request(app).post(path).type("form").send(fields);

/** Leverancier and credentials of a default person; returns the last response. */
async function logInAs(path: string, personId: string, password?: string) {
  const p = person(personId);
  await post(`${path}/leverancier`, { leverancier: p.middel.leverancier }).expect(303);
  return post(`${path}/inloggen`, {
    username: p.middel.username,
    password: password ?? p.middel.password,
  });
}

/** The whole walk for a person with one organisation (or a chosen one). */
async function walk(path: string, personId: string, kvk?: string) {
  const p = person(personId);
  let res = await logInAs(path, personId);
  if (p.middel.secondFactor) {
    expect(res.status).toBe(303);
    const page = await request(app).get(path).expect(200);
    expect(page.text).toContain(p.middel.secondFactor.code);
    res = await post(`${path}/code`, { code: p.middel.secondFactor.code });
  }
  if (kvk) {
    expect(res.status).toBe(303);
    await request(app).get(path).expect(200);
    res = await post(`${path}/organisatie`, { kvk });
  }
  return res;
}

/** Follows a refusal to its page, checks it, then presses "back to the service". */
async function refusalPage(path: string) {
  const page = await request(app).get(path).expect(200);
  expect(page.text).toContain("Inloggen is niet gelukt");
  const back = await post(`${path}/terug`).expect(200);
  return { page: page.text, answer: answerInForm(back.text) };
}

describe("a login on the pages succeeds at the level the middel and machtiging reach", () => {
  const cases: [string, string, Level, string?][] = [
    ["henk-eh1", FIXTURE_SERVICES.meldingOpenbareRuimte.serviceID, "EH1", "2021-05-01T10:00:00Z"],
    ["kees-eh2", FIXTURE_SERVICES.ondernemersloket.serviceID, "EH2"],
    ["piet-eh2plus", FIXTURE_SERVICES.mijnRvo.serviceID, "EH2+"],
    ["jan-eh3", FIXTURE_SERVICES.mijnDuo.serviceID, "EH3"],
    ["sara-eh4", FIXTURE_SERVICES.mijnGegevensdiensten.serviceID, "EH4"],
  ];
  for (const [personId, serviceID, level, clock] of cases) {
    it(`${personId} logs in to ${serviceID.split(":").slice(-3).join(":")} and the SP gets ${level}`, async () => {
      if (clock) setClock(clock);
      const { id, path } = begin({ serviceID, relayState: "terug-naar/pagina?x=1&y=2" });
      const context = makelaar.state.logins.get(id, makelaar.protocolNow().getTime())?.context;
      const res = await walk(path, personId);
      expect(res.status).toBe(200);
      expect(res.text).toContain(`action="${TEST_ACS_URL}"`);
      const answer = answerInForm(res.text);
      expect(answer).toMatchObject({
        status: "Success",
        level: levelToUrn(level),
        inResponseTo: context?.id,
        relayState: "terug-naar/pagina?x=1&y=2",
      });
      expect(makelaar.state.logins.has(id, Date.now())).toBe(false);
      expect(makelaar.state.answers.at(-1)).toMatchObject({
        status: "Success",
        levelReached: level,
      });
    });
  }

  it("answers by artifact when the chosen ACS has the Artifact binding", async () => {
    const { path } = begin({ acsBinding: "artifact" });
    const res = await walk(path, "jan-eh3");
    expect(res.status).toBe(303);
    expect(res.headers["location"]).toMatch(new RegExp(`^${TEST_ACS_URL}\\?SAMLart=`));
  });

  it("matches the username without regard to case, and only at the chosen leverancier", async () => {
    const { path } = begin();
    await post(`${path}/leverancier`, { leverancier: LEVERANCIERS.poortwachter }).expect(303);
    const wrongSupplier = await post(`${path}/inloggen`, {
      username: "jan-eh3",
      password: "Welkom-jan",
    }).expect(200);
    expect(wrongSupplier.text).toContain("De gebruikersnaam of het wachtwoord is onjuist");
    await post(`${path}/leverancier`, { leverancier: "" }).expect(303);
    await post(`${path}/leverancier`, { leverancier: LEVERANCIERS.sleutelhuis }).expect(303);
    await post(`${path}/inloggen`, { username: "JAN-EH3", password: "Welkom-jan" }).expect(303);
    expect((await request(app).get(path)).text).toContain("Bevestig met uw tweede factor");
  });
});

describe("the pages a person walks through", () => {
  it("asks for credentials again when the person was removed during the login", async () => {
    const { path } = begin();
    await logInAs(path, "jan-eh3");
    makelaar.world.removePerson("jan-eh3");
    const again = await request(app).get(path).expect(200);
    expect(again.text).toContain('name="password"');
    const retry = await post(`${path}/inloggen`, { username: "jan-eh3", password: "Welkom-jan" });
    expect(retry.text).toContain("U kunt het nog 2 keer proberen.");
  });

  it("lists the leveranciers of the world's middelen and says which service asks which level", async () => {
    const { path } = begin();
    const res = await request(app).get(path).expect(200);
    for (const name of Object.values(LEVERANCIERS)) expect(res.text).toContain(name);
    expect(res.text).toContain("Mijn DUO voor zakelijke klanten");
    expect(res.text).toContain("EH3 (eIDAS substantieel)");
    expect(res.text).toMatch(/<h1>Kies uw leverancier<\/h1>/);
  });

  it("asks again when no leverancier is chosen", async () => {
    const { path } = begin();
    const res = await post(`${path}/leverancier`, { leverancier: "Onbekend B.V." }).expect(200);
    expect(res.text).toContain('role="alert"');
    expect(res.text).toContain("Kies een leverancier om verder te gaan.");
  });

  it("shows the second-factor code, labelled as the test environment's, for EH2+ and up", async () => {
    const { path } = begin();
    await logInAs(path, "jan-eh3");
    const res = await request(app).get(path).expect(200);
    expect(res.text).toContain("Alleen in deze testomgeving");
    expect(res.text).toMatch(/data-testid="second-factor-code">311001</);
    expect(res.text).toContain('autocomplete="one-time-code"');
  });

  it("lets a person who represents several organisations choose one, and asserts that one", async () => {
    const { path } = begin();
    const chooser = await walk(path, "ahmed-eh3");
    expect(chooser.status).toBe(303);
    const page = await request(app).get(path).expect(200);
    expect(page.text).toContain("Voor welke organisatie logt u in?");
    for (const name of [
      "Stichting Onderwijsgroep Zuiderwaard",
      "ROC Zuiderwaard",
      "Vavo College Middenland",
    ]) {
      expect(page.text).toContain(name);
    }
    const none = await post(`${path}/organisatie`, { kvk: KVK.bouwbedrijf }).expect(200);
    expect(none.text).toContain("Kies een organisatie om verder te gaan.");
    const res = await post(`${path}/organisatie`, { kvk: KVK.vavoMiddenland }).expect(200);
    expect(answerInForm(res.text).status).toBe("Success");
    expect(makelaar.state.answers.at(-1)?.status).toBe("Success");
  });
});

describe("cancel, on every page, answers Responder/AuthnFailed", () => {
  const cancelled = {
    status: "Responder",
    subStatus: "AuthnFailed",
    statusMessage: "The user cancelled the login at the makelaar.",
  };

  it("from the leverancier page", async () => {
    const { path } = begin();
    expect((await request(app).get(path)).text).toContain('action="' + path + '/annuleren"');
    const res = await post(`${path}/annuleren`).expect(200);
    expect(answerInForm(res.text)).toMatchObject(cancelled);
  });

  it("from the credentials, second-factor and organisation pages", async () => {
    const credentials = begin();
    await post(`${credentials.path}/leverancier`, { leverancier: LEVERANCIERS.sleutelhuis });
    expect((await request(app).get(credentials.path)).text).toContain("Annuleren");
    expect(answerInForm((await post(`${credentials.path}/annuleren`)).text)).toMatchObject(
      cancelled,
    );

    const code = begin();
    await logInAs(code.path, "jan-eh3");
    expect(answerInForm((await post(`${code.path}/annuleren`)).text)).toMatchObject(cancelled);

    const organisation = begin();
    await walk(organisation.path, "ahmed-eh3");
    expect((await request(app).get(organisation.path)).text).toContain("Annuleren");
    expect(answerInForm((await post(`${organisation.path}/annuleren`)).text)).toMatchObject(
      cancelled,
    );
    expect(makelaar.state.answers.map((a) => a.status)).toEqual(
      Array(3).fill("Responder/AuthnFailed"),
    );
  });

  it("ends the login: the page is gone afterwards", async () => {
    const { path } = begin();
    await post(`${path}/annuleren`).expect(200);
    const again = await request(app).get(path).expect(404);
    expect(again.text).toContain("Deze inlogpoging bestaat niet (meer)");
  });
});

describe("wrong password and wrong second factor", () => {
  it("lets a person retry a wrong password twice, and ends the login after the third", async () => {
    const { path } = begin();
    const first = await logInAs(path, "jan-eh3", "fout-1");
    expect(first.status).toBe(200);
    expect(first.text).toContain("U kunt het nog 2 keer proberen.");
    expect(first.text).toContain('value="jan-eh3"');
    const second = await post(`${path}/inloggen`, {
      username: "jan-eh3",
      password: "fout-2",
    }).expect(200);
    expect(second.text).toContain("U kunt het nog 1 keer proberen.");
    await post(`${path}/inloggen`, { username: "jan-eh3", password: "fout-3" }).expect(303);
    const { page, answer } = await refusalPage(path);
    expect(page).toContain("Te vaak een onjuist wachtwoord");
    expect(answer).toMatchObject({
      status: "Responder",
      subStatus: "AuthnFailed",
      statusMessage: "Authentication failed: wrong username or password three times.",
    });
  });

  it("does not count an empty form as an attempt", async () => {
    const { path } = begin();
    await post(`${path}/leverancier`, { leverancier: LEVERANCIERS.sleutelhuis });
    for (let i = 0; i < 4; i++) {
      const res = await post(`${path}/inloggen`, { username: "", password: "" }).expect(200);
      expect(res.text).toContain("Vul uw gebruikersnaam en wachtwoord in.");
    }
  });

  it("lets a person retry a wrong code twice, and ends the login after the third", async () => {
    const { path } = begin();
    expect((await logInAs(path, "jan-eh3")).status).toBe(303);
    const first = await post(`${path}/code`, { code: "000000" }).expect(200);
    expect(first.text).toContain("Deze code is onjuist. U kunt het nog 2 keer proberen.");
    await post(`${path}/code`, { code: "111111" }).expect(200);
    await post(`${path}/code`, { code: "222222" }).expect(303);
    const { page, answer } = await refusalPage(path);
    expect(page).toContain("Te vaak een onjuiste code");
    expect(answer).toMatchObject({
      status: "Responder",
      subStatus: "AuthnFailed",
      statusMessage: "Authentication failed: wrong second-factor code three times.",
    });
  });
});

describe("each refusal by the overstap rules gets a page that says what to do, and a SAML answer", () => {
  const refusals: {
    rule: string;
    personId: string;
    serviceID?: string;
    requestedLevel?: Level;
    clock?: string;
    advice: RegExp;
    status: string;
    message: string;
  }[] = [
    {
      rule: "no machtiging",
      personId: "eva-eh3",
      advice:
        /Vraag de machtigingenbeheerder eHerkenning van ROC Zuiderwaard om de machtiging &#39;Mijn DUO voor zakelijke klanten&#39; op niveau EH3/,
      status: "Responder/AuthnFailed",
      message: "The person has no machtiging for this service from this organisation.",
    },
    {
      rule: "middel too low",
      personId: "piet-eh2plus",
      advice: /Vraag een EH3-middel aan bij uw leverancier \(Brugwerk Herkenning \(test\)\)/,
      status: "Responder/AuthnFailed",
      message: "The middel is EH2+; this service needs at least EH3.",
    },
    {
      rule: "machtiging expired",
      personId: "lotte-eh3",
      advice: /opnieuw te registreren/,
      status: "Responder/AuthnFailed",
      message: "The machtiging for this service has expired.",
    },
    {
      rule: "machtiging too low",
      personId: "bram-eh3",
      advice: /op niveau EH3 te registreren/,
      status: "Responder/AuthnFailed",
      message: "The machtiging is registered at EH2+; this service needs at least EH3.",
    },
    {
      rule: "EH1 after its retirement",
      personId: "henk-eh1",
      serviceID: FIXTURE_SERVICES.meldingBedrijfsafval.serviceID,
      clock: "2021-07-02T10:00:00Z",
      advice: /Vraag een EH2\+-middel aan bij uw leverancier/,
      status: "Responder/AuthnFailed",
      message: "The middel is EH1, which cannot be used since 2021-07-01.",
    },
  ];
  for (const r of refusals) {
    it(`${r.rule}: ${r.status} "${r.message}"`, async () => {
      if (r.clock) setClock(r.clock);
      const { path } = begin({ ...(r.serviceID ? { serviceID: r.serviceID } : {}) });
      const res = await walk(path, r.personId);
      expect(res.status).toBe(303);
      const { page, answer } = await refusalPage(path);
      expect(page).toMatch(r.advice);
      expect(page).toContain("Wat kunt u doen?");
      const service = makelaar.world.catalogue.byServiceID(
        r.serviceID ?? FIXTURE_SERVICES.mijnDuo.serviceID,
      );
      expect(page).toContain(`>Terug naar ${service?.service}</button>`);
      const [status, subStatus] = r.status.split("/");
      expect(answer).toMatchObject({ status, subStatus, statusMessage: r.message });
    });
  }

  it("machtiging not yet valid: says when to try again", async () => {
    setClock("2022-06-01T10:00:00Z");
    makelaar.world.changeMachtigingen("eva-eh3", KVK.rocZuiderwaard, () => [
      {
        scope: { kind: "service", serviceUUID: FIXTURE_SERVICES.mijnDuo.serviceUUID },
        level: "EH3",
        validFrom: new Date("2022-07-01T00:00:00Z"),
      },
    ]);
    const { path } = begin();
    await walk(path, "eva-eh3");
    const { page, answer } = await refusalPage(path);
    expect(page).toContain("Probeer het opnieuw vanaf de ingangsdatum");
    expect(answer).toMatchObject({
      status: "Responder",
      subStatus: "AuthnFailed",
      statusMessage: "The machtiging for this service is not valid yet.",
    });
  });

  it("a request above the catalogue level is refused before anyone logs in, as Requester/RequestUnsupported", async () => {
    const { path } = begin({ requestedLevel: "EH4" });
    const { page, answer } = await refusalPage(path);
    expect(page).toContain("De dienst vroeg een niveau dat niet kan");
    expect(page).not.toContain('name="password"');
    expect(answer).toMatchObject({
      status: "Requester",
      subStatus: "RequestUnsupported",
      statusMessage: "The request asks for EH4, above the catalogue level EH3 of this service.",
    });
  });

  it("a request for EH1 after its retirement is refused as Requester/RequestUnsupported", async () => {
    setClock("2021-08-01T10:00:00Z");
    const { path } = begin({ serviceID: FIXTURE_SERVICES.meldingOpenbareRuimte.serviceID });
    const { answer } = await refusalPage(path);
    expect(answer).toMatchObject({ status: "Requester", subStatus: "RequestUnsupported" });
    expect(answer.statusMessage).toMatch(/EH1, which is retired/);
  });

  it("a person who represents no organisation gets a page and Responder/AuthnFailed", async () => {
    makelaar.world.putPerson({ ...person("jan-eh3"), representations: [] });
    const { path } = begin();
    await walk(path, "jan-eh3");
    const { page, answer } = await refusalPage(path);
    expect(page).toContain("U vertegenwoordigt geen enkele organisatie");
    expect(answer).toMatchObject({
      status: "Responder",
      subStatus: "AuthnFailed",
      statusMessage: "The person represents no organisation.",
    });
  });
});

describe("language, banner, escaping and headers", () => {
  it("switches to English with ?lang=en and keeps it for the next pages", async () => {
    const { path } = begin();
    const dutch = await request(app).get(path).expect(200);
    expect(dutch.text).toContain('<html lang="nl">');
    expect(dutch.text).toContain(`href="${path}?lang=en"`);
    const english = await request(app).get(`${path}?lang=en`).expect(200);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain("Choose your supplier");
    expect(english.text).toContain("My DUO for business customers");
    expect(english.text).toContain("EH3 (eIDAS substantial)");
    await logInAs(path, "jan-eh3", "wrong");
    const next = await post(`${path}/inloggen`, {
      username: "jan-eh3",
      password: "Welkom-jan",
    }).expect(303);
    expect(next.status).toBe(303);
    const code = await request(app).get(path).expect(200);
    expect(code.text).toContain("Confirm with your second factor");
    expect(code.text).toContain("Only in this test environment");
  });

  it("shows English refusal advice and the English message", async () => {
    const { path } = begin({ language: "en" });
    await walk(path, "eva-eh3");
    const page = await request(app).get(path).expect(200);
    expect(page.text).toContain("You have no authorisation for this service");
    expect(page.text).toContain(
      "The person has no machtiging for this service from this organisation.",
    );
    expect(page.text).toContain("Back to My DUO for business customers");
  });

  it("explains three wrong passwords in English when the person chose English", async () => {
    const { path } = begin({ language: "en" });
    await logInAs(path, "jan-eh3", "x");
    await post(`${path}/inloggen`, { username: "jan-eh3", password: "y" });
    await post(`${path}/inloggen`, { username: "jan-eh3", password: "z" }).expect(303);
    const page = await request(app).get(path).expect(200);
    expect(page.text).toContain("Wrong password too many times");
    expect(page.text).toContain("You entered a wrong username or password three times.");
  });

  it("carries the test-environment banner on every page, the expired page included", async () => {
    const banner = "Testomgeving: dit is geen echte eHerkenning-makelaar.";
    const { path } = begin();
    const pages = [await request(app).get(path)];
    await logInAs(path, "ahmed-eh3");
    pages.push(await request(app).get(path));
    await post(`${path}/code`, { code: "344004" });
    pages.push(await request(app).get(path));
    pages.push(await request(app).get("/login/does-not-exist"));
    const { path: refused } = begin({ requestedLevel: "EH4" });
    pages.push(await request(app).get(refused));
    for (const res of pages) {
      expect(res.text).toContain(banner);
      expect(res.text).toContain("Test environment: not a real eHerkenning makelaar.");
    }
  });

  it("escapes names from the world, so markup in them never becomes markup", async () => {
    const hostile = '<script>alert("x")</script>';
    makelaar.world.putOrganisation({
      kvk: "99000901",
      rsin: "990001118",
      name: `<img src=x onerror=alert(1)>`,
    });
    makelaar.world.putPerson({
      ...person("ahmed-eh3"),
      id: "mallory",
      name: hostile,
      middel: {
        ...person("ahmed-eh3").middel,
        username: "mallory",
        leverancier: `"><b>Leverancier</b>`,
      },
      representations: [
        { kvk: "99000901", machtigingen: [] },
        { kvk: KVK.rocZuiderwaard, machtigingen: [] },
      ],
    });
    const { path } = begin();
    const first = await request(app).get(path);
    expect(first.text).toContain("&quot;&gt;&lt;b&gt;Leverancier&lt;/b&gt;");
    expect(first.text).not.toContain("<b>Leverancier</b>");
    await post(`${path}/leverancier`, { leverancier: `"><b>Leverancier</b>` }).expect(303);
    await post(`${path}/inloggen`, { username: "mallory", password: "Welkom-ahmed" }).expect(303);
    await post(`${path}/code`, { code: "344004" }).expect(303);
    const chooser = await request(app).get(path).expect(200);
    expect(chooser.text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(chooser.text).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(chooser.text).not.toContain("<script>");
    expect(chooser.text).not.toContain("<img");
  });

  it("sends no-store caching headers and a strict content security policy", async () => {
    const { path } = begin();
    const res = await request(app).get(path).expect(200);
    expect(res.headers["cache-control"]).toBe("no-cache, no-store");
    expect(res.headers["pragma"]).toBe("no-cache");
    expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
    // The style sheet is ours and must reach the browser unescaped.
    expect(res.text).toMatch(/<style>[^<]*font-family:system-ui,-apple-system,"Segoe UI"/);
  });

  it("answers an unknown login with a 404 page, in English when asked", async () => {
    const res = await request(app).get("/login/nope?lang=en").expect(404);
    expect(res.text).toContain("This login no longer exists");
    const posted = await post("/login/nope/inloggen", { username: "a", password: "b" }).expect(404);
    expect(posted.text).toContain("Deze inlogpoging bestaat niet (meer)");
  });
});
