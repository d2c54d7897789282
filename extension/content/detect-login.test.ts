// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from "vitest";
import {
  LOGIN_ALTERED,
  LOGIN_EHERKENNING_ONLY_EN,
  LOGIN_REPLICA_LIKE,
  NOT_LOGIN_HELP,
  NOT_LOGIN_PORTAL,
} from "../fixtures/pages.ts";
import { detectLoginPage, placePanel } from "./detect-login.ts";

function load(html: string): void {
  document.documentElement.innerHTML = new DOMParser().parseFromString(
    html,
    "text/html",
  ).documentElement.innerHTML;
}

describe("detectLoginPage", () => {
  beforeEach(() => load("<body></body>"));

  it("finds the eHerkenning button and its section on replica-like markup", () => {
    load(LOGIN_REPLICA_LIKE);
    const page = detectLoginPage(document);
    expect(page?.eherkenningButton.textContent).toBe("Log in met eHerkenning");
    expect(page?.eherkenningSection.querySelector("h2")?.textContent).toBe("Met eHerkenning");
    expect(page?.eherkenningSection.querySelector("input[type=password]")).toBeNull();
  });

  it("counts the token fields, their button and the help link, but not the footer's link, as login controls", () => {
    load(LOGIN_REPLICA_LIKE);
    const controls = detectLoginPage(document)?.loginControls ?? [];
    const names = controls.map((c) => c.getAttribute("name") ?? c.textContent?.trim());
    expect(names).toEqual(
      expect.arrayContaining([
        "username",
        "password",
        "otp",
        "Log in",
        "Log in met eHerkenning",
        "Problemen met inloggen",
      ]),
    );
    expect(controls.some((c) => c.closest("footer"))).toBe(false);
  });

  it("places the panel below the login area after the help link, never inside the token form", () => {
    load(LOGIN_REPLICA_LIKE);
    const page = detectLoginPage(document);
    if (!page) throw new Error("not detected");
    expect(page.below.parent.className).toBe("x_col__b2");
    expect((page.below.before as Element | null)?.nodeName ?? null).not.toBe("FORM");
    const host = document.createElement("div");
    // happy-dom has no layout, so nothing moves and the panel stays beside the button.
    expect(placePanel(page, host)).toBe("beside");
    expect(host.parentElement).toBe(page.eherkenningSection);
  });

  it("recognises altered markup: no ids, ARIA headings, a link as button, labels around inputs", () => {
    load(LOGIN_ALTERED);
    const page = detectLoginPage(document);
    expect(page?.eherkenningButton.tagName).toBe("A");
    expect(page?.loginControls.length).toBeGreaterThanOrEqual(4);
  });

  it("recognises an English page that offers only eHerkenning", () => {
    load(LOGIN_EHERKENNING_ONLY_EN);
    expect(detectLoginPage(document)?.eherkenningButton.textContent).toBe(
      "Log in with eHerkenning",
    );
  });

  it("takes a link whose running text mentions logging in with eHerkenning for no login button", () => {
    // DUO's own page links to "Voorbereiden op inloggen met eHerkenning" beside a "Met token" heading.
    load(
      `<main><h2>Met token</h2><p><a href="/voorbereiden">Voorbereiden op inloggen met eHerkenning</a></p>
       <p><a href="/hulp">Lees meer over inloggen met eHerkenning bij DUO</a></p></main>`,
    );
    expect(detectLoginPage(document)).toBeUndefined();
  });

  it("takes the whole label for a login button, in its variants", async () => {
    const { LOGIN } = await import("./selectors.ts");
    for (const label of [
      "Log in met eHerkenning",
      "Inloggen met eHerkenning",
      " Login with eHerkenning ",
      "Log in via eHerkenning.",
      "Sign in with eHerkenning",
    ])
      expect(LOGIN.eherkenningButton.test(label), label).toBe(true);
    for (const label of [
      "Voorbereiden op inloggen met eHerkenning",
      "Inloggen met eHerkenning kan vanaf 1 januari",
      "Hulp bij inloggen met eHerkenning",
    ])
      expect(LOGIN.eherkenningButton.test(label), label).toBe(false);
  });

  it("shows nothing on a help page that only talks about logging in", () => {
    load(NOT_LOGIN_HELP);
    expect(detectLoginPage(document)).toBeUndefined();
  });

  it("shows nothing in the portal after login", () => {
    load(NOT_LOGIN_PORTAL);
    expect(detectLoginPage(document)).toBeUndefined();
  });

  it("ignores a hidden eHerkenning button", () => {
    load(
      LOGIN_REPLICA_LIKE.replace(
        '<button type="submit">Log in met eHerkenning',
        '<button hidden type="submit">Log in met eHerkenning',
      ),
    );
    expect(detectLoginPage(document)).toBeUndefined();
  });
});
