import supertest from "supertest";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultWorld } from "../../world/default.ts";
import { WorldState } from "../../world/state.ts";
import { pageText } from "../test-support.ts";
import { createMijnDuo, type MijnDuo } from "./app.ts";

let world: WorldState;
let duo: MijnDuo;
beforeAll(async () => {
  world = new WorldState(defaultWorld());
  duo = createMijnDuo({ world });
});
beforeEach(() => {
  world.reset();
  duo.sessions.clear();
});

// Jan's sector (ROC) switches on 2022-04-11; Noor's (vakscholen) on 2022-06-20.
const JAN = { username: "jdevries25px", password: "Duo-jan-2021", otp: "480111" };
const NOOR = { username: "nsmit28rb", password: "Duo-noor-2021", otp: "480333" };

// The session cookie is Secure; supertest speaks plain HTTP, so tests carry it by hand.
class Browser {
  cookie = "";
  remember(res: supertest.Response): supertest.Response {
    const set = res.headers["set-cookie"] as unknown as string[] | undefined;
    const session = set?.find((c) => c.startsWith("MDSESSION="));
    if (session) this.cookie = session.split(";")[0] ?? "";
    return res;
  }
  get(path: string) {
    return supertest(duo.app).get(path).set("cookie", this.cookie);
  }
  post(path: string, form: Record<string, string> = {}) {
    return supertest(duo.app).post(path).set("cookie", this.cookie).type("form").send(form);
  }
}

async function tokenLogin(browser: Browser, form: Record<string, string>, status: number) {
  return browser.remember(await browser.post("/isam/token/login", form).expect(status));
}

describe("the Mijn DUO login page", () => {
  it("offers both ways to log in and the help link, in words a person reads", async () => {
    const page = await supertest(duo.app).get("/").expect(200);
    for (const text of [
      "Met token",
      "Gebruikersnaam",
      "Wachtwoord",
      "Token",
      "Met eHerkenning",
      "Log in met eHerkenning",
      "Problemen met inloggen",
    ]) {
      expect(page.text).toContain(text);
    }
    expect(page.text).toContain("Testomgeving");
  });

  it("has no ids or classes that name the login ways (detection must go by words)", async () => {
    const page = await supertest(duo.app).get("/").expect(200);
    expect(page.text).not.toMatch(/(id|class)="[^"]*(eherkenning|token)[^"]*"/i);
  });
});

describe("token login", () => {
  it("lets a user in by token until their sector's switch", async () => {
    world.setNow(new Date("2022-04-01T10:00:00+02:00"));
    const browser = new Browser();
    await tokenLogin(browser, JAN, 303);
    const portal = await browser.get("/portaal/").expect(200);
    expect(portal.text).toContain("Jan de Vries");
    expect(portal.text).toContain("Beheerder BVE");
    expect(pageText(portal.text)).toContain("Op 11 april 2022 stapt uw sector over op eHerkenning");
  });

  it("refuses the token after the sector's switch and explains that eHerkenning is needed", async () => {
    world.setNow(new Date("2022-04-20T10:00:00+02:00"));
    const browser = new Browser();
    const page = await tokenLogin(browser, JAN, 403);
    expect(page.text).toContain("Inloggen met token kan niet meer");
    expect(pageText(page.text)).toContain(
      "Voor de ROC's is de overstap naar eHerkenning op 11 april 2022 ingegaan",
    );
    expect(page.text).toContain("Mijn DUO voor zakelijke klanten");
    await browser.get("/portaal/").expect(303).expect("location", "/");
  });

  it("judges each user by their own sector on the same day", async () => {
    world.setNow(new Date("2022-04-20T10:00:00+02:00"));
    await tokenLogin(new Browser(), NOOR, 303);
    await tokenLogin(new Browser(), JAN, 403);
  });

  it("refuses a wrong token code without saying which field was wrong", async () => {
    world.setNow(new Date("2022-01-10T10:00:00+01:00"));
    const page = await tokenLogin(new Browser(), { ...JAN, otp: "000000" }, 401);
    expect(pageText(page.text)).toContain(
      "De gebruikersnaam, het wachtwoord of de tokencode klopt niet",
    );
    expect(page.text).toContain('value="jdevries25px"');
  });

  it("asks for all three fields", async () => {
    const page = await tokenLogin(new Browser(), { username: "x" }, 400);
    expect(pageText(page.text)).toContain(
      "Vul uw gebruikersnaam, wachtwoord en de code van uw token in.",
    );
  });

  it("logs out: the session cookie no longer opens the portal", async () => {
    world.setNow(new Date("2022-01-10T10:00:00+01:00"));
    const browser = new Browser();
    await tokenLogin(browser, JAN, 303);
    await browser.post("/uitloggen").expect(303).expect("location", "/?uitgelogd=1");
    await browser.get("/portaal/").expect(303).expect("location", "/");
  });
});

describe("the English login page", () => {
  it("offers the same ways to log in in English and keeps English through a refused token", async () => {
    const page = await supertest(duo.app).get("/en/").expect(200);
    expect(page.text).toContain('<html lang="en"');
    for (const text of [
      "With token",
      "Username",
      "Password",
      "Token",
      "With eHerkenning",
      "Log in with eHerkenning",
      "Trouble logging in",
      "Nederlands",
    ]) {
      expect(page.text).toContain(text);
    }
    world.setNow(new Date("2022-04-20T10:00:00+02:00"));
    const refused = await tokenLogin(new Browser(), { ...JAN, lang: "en" }, 403);
    expect(pageText(refused.text)).toContain(
      "For ROCs the switch to eHerkenning took effect on 11 April 2022. Since then your token no longer works for My DUO.",
    );
  });
});

describe("eHerkenning without a SAML side", () => {
  it("says so instead of failing", async () => {
    const page = await supertest(duo.app).post("/isam/sps/eh/login").expect(503);
    expect(page.text).toContain("Inloggen met eHerkenning is even niet mogelijk");
  });
});

describe("the cookie notice", () => {
  it("returns to a local path only", async () => {
    await supertest(duo.app)
      .post("/cookies")
      .type("form")
      .send({ keuze: "ja", terug: "//evil.example/" })
      .expect(303)
      .expect("location", "/");
    await supertest(duo.app)
      .post("/cookies")
      .type("form")
      .send({ keuze: "ja", terug: "/problemen-met-inloggen" })
      .expect(303)
      .expect("location", "/problemen-met-inloggen");
  });
});
