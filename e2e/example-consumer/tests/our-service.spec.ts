// What a tester of a service provider writes: import the fixtures, move the
// clock, log in, and check what the service asked of the makelaar.
import { expect, test } from "eh-overstap/playwright";

test("Mijn DUO asks the makelaar for EH3 and shows the level reached", async ({
  page,
  overstap,
}) => {
  await overstap.setClock("2022-06-01T09:00:00+02:00");
  await overstap.autoLogin("jan-eh3", "99000102");

  await page.goto("https://mijn.duo.nl/");
  await page.getByRole("button", { name: "Log in met eHerkenning" }).click();

  await expect(page.getByRole("heading", { name: "Welkom in Mijn DUO" })).toBeVisible();
  await overstap.expectRequestedLevel("EH3");
});

test("without the machtiging the login fails with a clear page", async ({ page, overstap }) => {
  await overstap.takeMachtigingen("jan-eh3", "99000102");
  await overstap.autoLogin("jan-eh3", "99000102");

  await page.goto("https://mijn.duo.nl/");
  await page.getByRole("button", { name: "Log in met eHerkenning" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "U bent niet gemachtigd voor deze dienst",
  );
});
