// Fixtures for the replica world's own browser tests: the kit's harness and
// mapped Chromium, without the extension (these tests are about the replicas),
// plus two quick ways to steer the makelaar in-process.
import type { Page } from "@playwright/test";
import { browserTest, expect } from "../fixtures/index.ts";
import { loginViaPages } from "../fixtures/login.ts";
import type { Harness } from "../../mock-idp/harness.ts";

export interface ReplicaFixtures {
  /** Sets the makelaar's clock (the replicas follow it). */
  at: (iso: string) => void;
  /** The next eHerkenning logins skip the makelaar's pages as this person and organisation. */
  autoLogin: (personId: string, kvk: string) => void;
}

export const test = browserTest.extend<ReplicaFixtures>({
  browserOptions: { extensionPath: null },
  at: async ({ harness }, use) => {
    await use((iso) => harness.world.setNow(new Date(iso)));
  },
  autoLogin: async ({ harness }, use) => {
    await use((personId, kvk) => {
      harness.makelaar.state.autoLogin = { personId, kvk };
    });
  },
});

export { expect };

/** Logs in through the makelaar's own pages, as a person does. */
export async function loginAtMakelaar(
  page: Page,
  harness: Harness,
  personId: string,
): Promise<void> {
  const person = harness.world.person(personId);
  if (!person) throw new Error(`no person ${personId} in the world`);
  await loginViaPages(page, person.middel);
}
