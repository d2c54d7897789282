// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  LOGIN_ALTERED,
  LOGIN_EHERKENNING_ONLY_EN,
  LOGIN_REPLICA_LIKE,
  NOT_LOGIN_HELP,
  NOT_LOGIN_PORTAL,
} from "../fixtures/pages.ts";
import { controlPositions, detectLoginPage, placePanel } from "./detect-login.ts";
import { HOST_ATTRIBUTE } from "./ui/mount.ts";

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
    const below = document.createElement("div");
    page.below.parent.insertBefore(below, page.below.before);
    expect(below.previousElementSibling?.className).toBe("x_help__d4");
    below.remove();
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

  /** A page with the eHerkenning button and `extra` beside it, nothing else. */
  const withButton = (extra: string): string =>
    `<main><p>Zakelijk inloggen bij DUO</p>${extra}<p><button type="submit">Log in met eHerkenning</button></p></main>`;

  it("takes a field named by aria-labelledby, aria-label or placeholder for a token field", () => {
    for (const field of [
      '<span id="lbl">Gebruikersnaam</span><input name="u" aria-labelledby="ontbreekt lbl">',
      '<input name="u" aria-label="Gebruikersnaam">',
      '<input name="u" placeholder="Tokencode">',
    ]) {
      load(withButton(`<form>${field}</form>`));
      const names = detectLoginPage(document)?.loginControls.map((c) => c.getAttribute("name"));
      expect(names, field).toContain("u");
    }
  });

  it("takes a field for a token field when any one of its labels names it", () => {
    load(
      withButton(
        '<form><label for="u">Gebruikersnaam</label><input id="u" name="u" placeholder="bijv. jansen01"></form>',
      ),
    );
    expect(detectLoginPage(document)?.loginControls.map((c) => c.getAttribute("name"))).toContain(
      "u",
    );
  });

  it("takes a password field for a token field without a label, and an unlabelled search box for none", () => {
    load(withButton('<form><input type="password" name="pw"></form>'));
    expect(detectLoginPage(document)?.loginControls.map((c) => c.getAttribute("name"))).toContain(
      "pw",
    );
    load(withButton('<form role="search"><input type="search" name="q"></form>'));
    expect(detectLoginPage(document)).toBeUndefined();
  });

  it("counts neither hidden inputs nor our own UI's fields and headings as signs of a login page", () => {
    load(withButton('<form><input type="hidden" name="token" aria-label="Token"></form>'));
    expect(detectLoginPage(document)).toBeUndefined();
    load(
      withButton(
        `<div ${HOST_ATTRIBUTE}="login-panel"><h2>Met eHerkenning</h2><h2>Met token</h2><input type="password"></div>`,
      ),
    );
    expect(detectLoginPage(document)).toBeUndefined();
  });

  it("needs the eHerkenning way named, the token way named, or token fields beside the button", () => {
    load(withButton(""));
    expect(detectLoginPage(document)).toBeUndefined();
    // After the token fields are gone, DUO's "Met token" heading may still stand beside the button.
    load(
      withButton("<h1>Inloggen</h1><h2>Met token</h2><p>Inloggen met een token kan niet meer.</p>"),
    );
    expect(detectLoginPage(document)).toBeDefined();
    load(
      withButton(
        '<form><label for="u">Gebruikersnaam</label><input id="u"><label for="p">Wachtwoord</label><input id="p" type="password"><button>Log in</button></form>',
      ),
    );
    expect(detectLoginPage(document)).toBeDefined();
  });

  it("takes neither a control around the eHerkenning button nor one inside it for a token control", () => {
    // One form around both ways, the eHerkenning way a clickable tile holding a link.
    load(
      `<form action="/login" method="post">
        <section><h2>Met token</h2><label for="u">Gebruikersnaam</label><input id="u" name="username"><button type="submit">Log in</button></section>
        <section><h2>Met eHerkenning</h2><div role="button" tabindex="0" class="tile"><a href="/eh"><span role="button">Log in met eHerkenning</span></a> <small>Voor organisaties</small></div></section>
      </form>`,
    );
    const controls = detectLoginPage(document)?.loginControls.map((c) => c.tagName);
    expect(controls).toEqual(["A", "INPUT", "BUTTON"]);
  });

  it("on a page offering only eHerkenning, takes the button as the only login control and its block in the body as its section", () => {
    load(LOGIN_EHERKENNING_ONLY_EN);
    const page = detectLoginPage(document);
    expect(page?.loginControls).toEqual([page?.eherkenningButton]);
    expect(page?.eherkenningSection.tagName).toBe("MAIN");
  });

  it("places the panel below, after the last login control in page order, also when the eHerkenning way comes last", () => {
    load(LOGIN_ALTERED);
    const page = detectLoginPage(document);
    if (!page) throw new Error("not detected");
    const host = document.createElement("div");
    page.below.parent.insertBefore(host, page.below.before);
    expect(host.previousElementSibling).toBe(page.eherkenningButton);
  });
});

describe("controlPositions", () => {
  it("gives each control's left, top, width and height in whole pixels, one control after the other", () => {
    const [a, b] = [document.createElement("button"), document.createElement("input")];
    vi.spyOn(a, "getBoundingClientRect").mockReturnValue(new DOMRect(10.4, 20.6, 100.5, 30.2));
    vi.spyOn(b, "getBoundingClientRect").mockReturnValue(new DOMRect(0, 64, 240, 32));
    expect(controlPositions([a, b])).toBe("10,21,101,30 0,64,240,32");
  });
});

describe("placePanel", () => {
  it("places the panel below the login area when it would move a login control beside the button", () => {
    load(LOGIN_REPLICA_LIKE);
    const page = detectLoginPage(document);
    if (!page) throw new Error("not detected");
    const host = document.createElement("div");
    // The layout: a panel in the eHerkenning section pushes the token form's button down.
    const submit = page.loginControls.find((c) => c.textContent === "Log in");
    if (!submit) throw new Error("no submit button");
    vi.spyOn(submit, "getBoundingClientRect").mockImplementation(
      () => new DOMRect(0, page.eherkenningSection.contains(host) ? 180 : 120, 80, 32),
    );
    expect(placePanel(page, host)).toBe("below");
    expect(host.parentElement).toBe(page.below.parent);
    expect(host.previousElementSibling?.className).toBe("x_help__d4");
  });
});
