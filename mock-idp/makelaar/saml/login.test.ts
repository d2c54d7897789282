import { beforeEach, describe, expect, it } from "vitest";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import type { Makelaar } from "../makelaar.ts";
import type { ServiceProvider } from "../../sp/index.ts";
import {
  BASE_URL,
  PERSONS,
  SCHOOL,
  SSO_URL,
  appFetch,
  sendRequest,
  testMakelaar,
  testServiceProvider,
} from "./test-support.ts";

let makelaar: Makelaar;
let sp: ServiceProvider;
beforeEach(async () => {
  makelaar = await testMakelaar();
  sp = await testServiceProvider(makelaar);
});

async function loginByArtifact(binding: "redirect" | "post", personId = PERSONS.eh3.id) {
  makelaar.state.autoLogin = { personId, kvk: SCHOOL.kvk };
  const message = sp.authnRequest({
    serviceIndex: 1,
    binding,
    destination: SSO_URL,
    relayState: "terug",
  });
  const answer = await sendRequest(makelaar.app, message);
  expect(answer.status).toBe(303);
  const location = new URL(answer.headers.location as string);
  expect(location.origin + location.pathname).toBe("https://dv.example/acs");
  expect(location.searchParams.get("RelayState")).toBe("terug");
  const samlArt = location.searchParams.get("SAMLart")!;
  return sp.resolveArtifact(samlArt, {
    arsUrl: `${BASE_URL}/broker/ars/1.13`,
    fetch: appFetch(makelaar.app),
  });
}

describe("an artifact login with auto-login", () => {
  it.each(["redirect", "post"] as const)(
    "by %s reaches EH3 with decrypted identifiers",
    async (binding) => {
      const result = await loginByArtifact(binding);
      expect(result).toMatchObject({
        ok: true,
        level: "EH3",
        serviceID: FIXTURE_SERVICES.mijnDuo.serviceID,
        // The ServiceInstance's UUID, not the definition's.
        serviceUUID: FIXTURE_SERVICES.mijnDuo.instanceUUID,
        legalSubject: { type: "KvKnr", value: SCHOOL.kvk, encrypted: true },
        legalSubjects: [
          { type: "KvKnr", value: SCHOOL.kvk, encrypted: true },
          { type: "RSIN", value: SCHOOL.rsin, encrypted: true },
        ],
        actingSubject: { type: "Pseudo", value: PERSONS.eh3.pseudo, encrypted: true },
      });
    },
  );
});
