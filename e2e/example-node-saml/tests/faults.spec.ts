// The loket's own SAML checks: the makelaar is told to send one broken answer,
// and the loket (node-saml plus its own Destination and Recipient checks)
// must refuse it. Auto-login skips the pages: these tests are about the answer.
import type { Page } from "@playwright/test";
import { expect, test, type Fault } from "eh-overstap/playwright";

async function logIn(page: Page): Promise<void> {
  await page.goto("/");
  await page.getByRole("link", { name: "Evenementenvergunning aanvragen" }).click();
}

async function expectRefused(page: Page, reason: RegExp): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inloggen is niet gelukt");
  await expect(page.getByRole("alert")).toHaveText(reason);
}

const REFUSED: readonly { fault: Fault; what: string; refusal: RegExp }[] = [
  {
    fault: { kind: "expired" },
    what: "expired (NotOnOrAfter has passed)",
    refusal: /afgewezen: No valid subject confirmation/,
  },
  {
    fault: { kind: "not-yet-valid" },
    what: "not yet valid (NotBefore is ahead)",
    refusal: /afgewezen: SAML assertion not yet valid/,
  },
  {
    fault: { kind: "wrong-audience" },
    what: "meant for another service provider (Audience)",
    refusal: /afgewezen: SAML assertion audience mismatch/,
  },
  {
    fault: { kind: "wrong-destination" },
    what: "addressed to another ACS (Response Destination)",
    refusal: /afgewezen: Response Destination ".*" is not our ACS/,
  },
  {
    fault: { kind: "wrong-recipient" },
    what: "confirmed for another ACS (SubjectConfirmationData Recipient)",
    refusal: /afgewezen: SubjectConfirmationData Recipient ".*" is not our ACS/,
  },
  {
    fault: { kind: "wrong-in-response-to" },
    what: "to a request the loket never sent (InResponseTo)",
    refusal: /afgewezen: InResponseTo is not valid/,
  },
  {
    fault: { kind: "unsigned-assertion" },
    what: "carrying an unsigned assertion",
    refusal: /afgewezen: Invalid signature/,
  },
  {
    fault: { kind: "broken-signature" },
    what: "whose assertion was changed after it was signed (the Response signed over it)",
    refusal: /afgewezen: Invalid signature$/,
  },
  {
    fault: {
      kind: "status",
      status: "Responder",
      subStatus: "AuthnFailed",
      message: "Storing bij de leverancier van het middel.",
    },
    what: "a refusal with a chosen status and message",
    refusal: /De makelaar meldt: .*Responder error: Storing bij de leverancier van het middel\./,
  },
];

test.beforeEach(async ({ overstap }) => {
  await overstap.autoLogin("eva-eh3", "99090001");
});

for (const { fault, what, refusal } of REFUSED) {
  test(`the loket refuses an answer ${what}`, async ({ page, overstap }) => {
    await overstap.injectFault(fault);
    await logIn(page);

    await expectRefused(page, refusal);
    await overstap.expectLastAnswer({ fault: fault.kind });
  });
}

test("the loket refuses a replayed answer: its request was answered before", async ({
  page,
  overstap,
}) => {
  await logIn(page);
  await expect(page.locator("#niveau")).toHaveText("EH3");
  await overstap.injectFault({ kind: "replayed-assertion" });
  await logIn(page);

  await expectRefused(page, /afgewezen: InResponseTo is not valid/);
});

test("a fault hits only the next answer: the login after it succeeds", async ({
  page,
  overstap,
}) => {
  await overstap.injectFault({ kind: "wrong-audience" });
  await logIn(page);
  await expectRefused(page, /audience mismatch/);
  await logIn(page);

  await expect(page.locator("#niveau")).toHaveText("EH3");
});

test("with count 2 the next two answers are broken", async ({ page, overstap }) => {
  await overstap.injectFault({ kind: "unsigned-assertion", count: 2 });
  await logIn(page);
  await expectRefused(page, /Invalid signature/);
  await logIn(page);
  await expectRefused(page, /Invalid signature/);
  await logIn(page);

  await expect(page.locator("#niveau")).toHaveText("EH3");
});

test("a slow answer (1.5 s) still logs in: the loket waits for the makelaar", async ({
  page,
  overstap,
}) => {
  await overstap.injectFault({ kind: "slow", delayMs: 1500 });
  const started = Date.now();
  await logIn(page);

  await expect(page.locator("#niveau")).toHaveText("EH3");
  expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
});
