// @vitest-environment happy-dom
// The host-page selectors checked against the replica world itself: each page
// is fetched from the harness and detection runs on its real markup.
import { request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../../mock-idp/harness.ts";
import { detectLoginPage } from "./detect-login.ts";
import { findUsedBy, levelOfPage } from "./detect-level.ts";
import { findListingEntries } from "./detect-listing.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ port: 0 });
});
afterAll(async () => {
  await harness.stop();
});

/** GET a replica page the way a browser would reach it: by host name, over TLS. */
function fetchPage(host: string, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: harness.port,
        path,
        servername: host,
        headers: { host },
        ca: harness.certificatePem,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () =>
          res.statusCode === 200
            ? resolve(body)
            : reject(new Error(`${host}${path}: HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

async function load(host: string, path: string): Promise<void> {
  // Markup only: happy-dom would try to fetch the stylesheets and scripts.
  const html = (await fetchPage(host, path))
    .replace(/<link\b[^>]*>/gi, "")
    .replace(/<script\b[\s\S]*?<\/script>/gi, "");
  const parsed = new DOMParser().parseFromString(html, "text/html");
  document.documentElement.innerHTML = parsed.documentElement.innerHTML;
}

describe("replica Mijn DUO", () => {
  it("the login page is recognised, with its token fields and help link as login controls", async () => {
    await load("mijn.duo.nl", "/");
    const page = detectLoginPage(document);
    expect(page?.eherkenningButton.textContent?.trim()).toBe("Log in met eHerkenning");
    const names = page?.loginControls.map((c) => c.getAttribute("name") ?? c.textContent?.trim());
    expect(names).toEqual(
      expect.arrayContaining(["username", "password", "otp", "Problemen met inloggen"]),
    );
  });

  it("the English login page is recognised too", async () => {
    await load("mijn.duo.nl", "/en/");
    expect(detectLoginPage(document)).toBeDefined();
  });

  it("'Problemen met inloggen' is not a login page", async () => {
    await load("mijn.duo.nl", "/problemen-met-inloggen");
    expect(detectLoginPage(document)).toBeUndefined();
  });
});

describe("replica eherkenning.nl", () => {
  it("reads every row of the aangesloten-organisaties table, with the stale stated level", async () => {
    await load("www.eherkenning.nl", "/aangesloten-organisaties");
    const entries = findListingEntries(document, new WeakSet());
    expect(entries.length).toBeGreaterThanOrEqual(20);
    expect(entries.every((e) => e.layout === "table" && e.provider && e.stated)).toBe(true);
    expect(entries.find((e) => e.name === "Mijn RBG")?.stated).toBe("EH2+");
  });

  it("reads every card of the machtigingen form", async () => {
    await load("www.eherkenning.nl", "/aanvragen/machtigingen");
    const entries = findListingEntries(document, new WeakSet());
    const checkboxes = document.querySelectorAll("input[type=checkbox]").length;
    expect(entries).toHaveLength(checkboxes);
    expect(entries.every((e) => e.layout === "cards" && e.provider && e.stated)).toBe(true);
  });

  it.each([
    ["/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh2", "EH2"],
    ["/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh2-plus", "EH2+"],
    ["/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh3", "EH3"],
    ["/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh4", "EH4"],
    ["/en/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh3", "EH3"],
  ])("%s is a level page for %s with a 'used by' row", async (path, level) => {
    await load("www.eherkenning.nl", path);
    expect(levelOfPage(new URL(`https://www.eherkenning.nl${path}`), document)).toBe(level);
    expect(findUsedBy(document)?.items.length).toBeGreaterThan(0);
  });
});
