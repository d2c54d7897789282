// npm run browser: Chromium with the extension loaded and the replica host
// names mapped to the harness. With a display it opens a window on the harness
// that `npm start` runs (or starts one itself). Without a display (or with
// --screenshots) it walks every replica page headless in a harness of its own
// and saves a screenshot of each to a folder it names.
//
//   npm run browser [-- --port <n>] [--screenshots <dir>] [--no-extension]
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_FLAGS, chromiumPath } from "../e2e/chromium.ts";
import { startHarness, type Harness } from "../mock-idp/harness.ts";
import { hostResolverRules } from "../mock-idp/replica/hosts.ts";
import { UsageError } from "../mock-idp/shared/usage-error.ts";
import { DEFAULT_NOW, DEFAULT_PORT } from "./start.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const EXTENSION_PATH = join(ROOT, "dist", "chromium");

export interface BrowserArgs {
  readonly port: number;
  /** Set: headless screenshot mode writing here. */
  readonly screenshots: string | undefined;
  readonly extension: boolean;
}

export function parseBrowserArgs(argv: readonly string[]): BrowserArgs {
  let port = DEFAULT_PORT;
  let screenshots: string | undefined;
  let extension = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = argv[i + 1];
    if (arg === "--port" || arg === "--screenshots") {
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      i++;
      if (arg === "--port") {
        port = Number(next);
        if (!/^\d+$/.test(next) || port < 1 || port > 65535) {
          throw new UsageError(`--port must be a number from 1 to 65535, got "${next}"`);
        }
      } else {
        screenshots = next;
      }
    } else if (arg === "--no-extension") {
      extension = false;
    } else {
      throw new UsageError(`unknown argument "${arg}"`);
    }
  }
  return { port, screenshots, extension };
}

/** Whether a replica harness answers on this port (any TLS answer from mijn.duo.nl counts). */
function harnessAnswers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = request(
      {
        host: "127.0.0.1",
        port,
        path: "/",
        servername: "mijn.duo.nl",
        headers: { host: "mijn.duo.nl" },
        rejectUnauthorized: false,
        timeout: 1500,
      },
      (res) => {
        res.resume();
        done(res.statusCode !== undefined);
      },
    );
    probe.on("timeout", () => probe.destroy());
    probe.on("error", () => done(false));
    probe.end();
  });
}

function extensionArgs(wanted: boolean): string[] {
  if (!wanted) return [];
  if (!existsSync(join(EXTENSION_PATH, "manifest.json"))) {
    console.warn(`No extension at ${EXTENSION_PATH} (run npm run build): opening without it.`);
    return [];
  }
  return [`--disable-extensions-except=${EXTENSION_PATH}`, `--load-extension=${EXTENSION_PATH}`];
}

export const START_PAGES = [
  "https://mijn.duo.nl/",
  "https://www.eherkenning.nl/aangesloten-organisaties",
  "https://www.eherkenning.nl/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh3",
  "https://loket.zuiderwaard.test/",
];

async function openWindow(args: BrowserArgs): Promise<void> {
  let own: Harness | undefined;
  let port = args.port;
  if (!(await harnessAnswers(port))) {
    console.log(
      `No harness answers on 127.0.0.1:${port}; starting one here (clock ${DEFAULT_NOW}).`,
    );
    own = await startHarness({ port: 0, now: new Date(DEFAULT_NOW) });
    port = own.port;
  }
  const profile = mkdtempSync(join(tmpdir(), "eh-overstap-chromium-"));
  const chromiumArgs = [
    ...CHROMIUM_FLAGS.filter((f) => f !== "--disable-gpu"),
    `--user-data-dir=${profile}`,
    `--host-resolver-rules=${hostResolverRules(port)}`,
    // TEST certificate of the harness; this profile is temporary and used for nothing else.
    "--ignore-certificate-errors",
    "--lang=nl",
    ...extensionArgs(args.extension),
    ...START_PAGES,
  ];
  console.log(`Starting ${chromiumPath()} (profile ${profile}).`);
  const child = spawn(chromiumPath(), chromiumArgs, { stdio: "inherit" });
  const finish = async (): Promise<void> => {
    await own?.stop();
    rmSync(profile, { recursive: true, force: true });
  };
  process.on("SIGINT", () => child.kill("SIGTERM"));
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  await new Promise<void>((done) => child.on("close", () => done()));
  await finish();
}

interface Shot {
  readonly name: string;
  /** Sets the scene (clock, auto-login) and brings the page where the shot is taken. */
  readonly visit: (page: Page, harness: Harness) => Promise<void>;
}

const at = (harness: Harness, iso: string): void => harness.world.setNow(new Date(iso));
const MID_OVERSTAP = DEFAULT_NOW;

async function tokenLogin(page: Page, inlognaam: string, wachtwoord: string, token: string) {
  await page.goto("https://mijn.duo.nl/");
  await page.getByRole("textbox", { name: "Gebruikersnaam" }).fill(inlognaam);
  await page.getByLabel("Wachtwoord").fill(wachtwoord);
  await page.getByRole("textbox", { name: "Token" }).fill(token);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await page.waitForLoadState();
}

async function eherkenningLogin(page: Page, harness: Harness, personId: string, kvk: string) {
  harness.makelaar.state.autoLogin = { personId, kvk };
  await page.goto("https://mijn.duo.nl/");
  await page.getByRole("button", { name: "Log in met eHerkenning" }).click();
  await page.waitForURL(/^https:\/\/mijn\.duo\.nl\/(?:portaal\/|isam\/sps\/eh\/melding)/);
}

const levelPage = (slug: string, english = false) =>
  `https://www.eherkenning.nl${english ? "/en" : ""}/inloggen-met-eherkenning/betrouwbaarheidsniveaus/${slug}`;

/** Every replica page, and the states of Mijn DUO and Zuiderwaard worth seeing. */
export const SHOTS: readonly Shot[] = [
  { name: "duo-login", visit: async (p) => void (await p.goto("https://mijn.duo.nl/")) },
  {
    name: "duo-login-en",
    visit: async (p) => void (await p.goto("https://mijn.duo.nl/en/")),
  },
  {
    name: "duo-problemen-met-inloggen",
    visit: async (p) => void (await p.goto("https://mijn.duo.nl/problemen-met-inloggen")),
  },
  {
    name: "duo-token-overgestapt",
    visit: async (p, h) => {
      at(h, MID_OVERSTAP);
      await tokenLogin(p, "jdevries25px", "Duo-jan-2021", "480111");
    },
  },
  {
    name: "duo-portaal-token",
    visit: async (p, h) => {
      at(h, MID_OVERSTAP);
      await tokenLogin(p, "nsmit28rb", "Duo-noor-2021", "480333");
    },
  },
  {
    name: "duo-portaal-eherkenning",
    visit: async (p, h) => {
      at(h, MID_OVERSTAP);
      await eherkenningLogin(p, h, "jan-eh3", "99000102");
    },
  },
  {
    name: "duo-fout-niveau-te-laag",
    visit: async (p, h) => {
      at(h, MID_OVERSTAP);
      await eherkenningLogin(p, h, "piet-eh2plus", "99000103");
    },
  },
  {
    name: "duo-fout-geen-machtiging",
    visit: async (p, h) => {
      at(h, MID_OVERSTAP);
      await eherkenningLogin(p, h, "eva-eh3", "99000102");
    },
  },
  {
    name: "eherkenning-aangesloten-organisaties",
    visit: async (p) => void (await p.goto("https://www.eherkenning.nl/aangesloten-organisaties")),
  },
  {
    name: "eherkenning-machtigingen",
    visit: async (p) => void (await p.goto("https://www.eherkenning.nl/aanvragen/machtigingen")),
  },
  ...["eh2", "eh2-plus", "eh3", "eh4"].map((slug) => ({
    name: `eherkenning-niveau-${slug}`,
    visit: async (p: Page) => void (await p.goto(levelPage(slug))),
  })),
  {
    name: "eherkenning-en-level-eh3",
    visit: async (p) => void (await p.goto(levelPage("eh3", true))),
  },
  {
    name: "zuiderwaard-voor-einddatum",
    visit: async (p, h) => {
      at(h, "2021-05-20T10:00:00+02:00");
      await p.goto("https://loket.zuiderwaard.test/");
    },
  },
  {
    name: "zuiderwaard-melding-eh1",
    visit: async (p, h) => {
      at(h, "2021-05-20T10:00:00+02:00");
      h.makelaar.state.autoLogin = { personId: "henk-eh1", kvk: "99000201" };
      await p.goto("https://loket.zuiderwaard.test/");
      await p.getByRole("button", { name: "Inloggen met eHerkenning" }).click();
      await p.waitForURL(/loket\.zuiderwaard\.test\/melding/);
    },
  },
  {
    name: "zuiderwaard-fout-na-einddatum",
    visit: async (p, h) => {
      at(h, "2021-06-15T10:00:00+02:00");
      h.makelaar.state.autoLogin = { personId: "henk-eh1", kvk: "99000201" };
      await p.goto("https://loket.zuiderwaard.test/");
      await p.getByRole("button", { name: "Inloggen met eHerkenning" }).click();
      await p.waitForURL(/loket\.zuiderwaard\.test\/inloggen\/niet-gelukt/);
    },
  },
];

async function takeScreenshots(args: BrowserArgs): Promise<void> {
  const folder = resolve(
    args.screenshots ??
      join(ROOT, ".cache", "screenshots", new Date().toISOString().replace(/[:.]/g, "-")),
  );
  mkdirSync(folder, { recursive: true });
  // A harness of its own: the shots move its clock and log people in.
  const harness = await startHarness({ port: 0, now: new Date(MID_OVERSTAP) });
  const context = await chromium.launchPersistentContext("", {
    executablePath: chromiumPath(),
    headless: true,
    ignoreHTTPSErrors: true,
    locale: "nl-NL",
    viewport: { width: 1280, height: 900 },
    args: [
      ...CHROMIUM_FLAGS,
      `--host-resolver-rules=${harness.hostResolverRules}`,
      ...extensionArgs(args.extension),
    ],
  });
  try {
    for (const shot of SHOTS) {
      harness.reset();
      await context.clearCookies();
      // Only the first page shows the cookie notice; the others as after answering it.
      if (shot.name !== "duo-login") {
        await context.addCookies([
          { name: "duo_cc", value: "all", domain: "mijn.duo.nl", path: "/", secure: true },
        ]);
      }
      const page = await context.newPage();
      await shot.visit(page, harness);
      const file = join(folder, `replica-${shot.name}.png`);
      // The login page as a visitor first sees it, cookie notice at the window's foot.
      await page.screenshot({ path: file, fullPage: shot.name !== "duo-login" });
      console.log(`${file}  (${page.url()})`);
      await page.close();
    }
  } finally {
    await context.close();
    await harness.stop();
  }
  console.log(`\n${SHOTS.length} screenshots in ${folder}`);
}

async function main(): Promise<void> {
  let args: BrowserArgs;
  try {
    args = parseBrowserArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(
        `npm run browser: ${error.message}\nUsage: npm run browser [-- --port <n>] [--screenshots <dir>] [--no-extension]`,
      );
      process.exit(2);
    }
    throw error;
  }
  const hasDisplay = Boolean(process.env["DISPLAY"] || process.env["WAYLAND_DISPLAY"]);
  if (args.screenshots !== undefined || !hasDisplay) {
    if (!hasDisplay) console.log("No display: taking headless screenshots of each replica page.");
    await takeScreenshots(args);
  } else {
    await openWindow(args);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
