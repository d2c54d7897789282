import { describe, expect, it } from "vitest";
import { decideLogin, type LoginAttempt, type RefusalReason } from "../../eherkenning/index.ts";
import { FIXTURE_SERVICES } from "../../eherkenning/fixtures/catalogue.ts";
import { explainFailure, failureKind, type FailureKind } from "./failures.ts";

const service = {
  serviceUUID: FIXTURE_SERVICES.mijnDuo.serviceUUID,
  providerOIN: FIXTURE_SERVICES.mijnDuo.providerOIN,
  catalogueLevel: "EH3" as const,
};
const forDuo = (level: LoginAttempt["middelLevel"]) =>
  ({ scope: { kind: "service", serviceUUID: service.serviceUUID }, level }) as const;
const in2022 = new Date("2022-05-01T10:00:00Z");

// Each refusal of the shared rules, produced by the rules themselves, so a
// change of their wording breaks this test rather than the replica pages.
const CASES: readonly [RefusalReason, LoginAttempt, FailureKind][] = [
  [
    "EH1_MIDDEL_RETIRED",
    { service, now: in2022, middelLevel: "EH1", machtigingen: [forDuo("EH3")] },
    "eh1-middel-retired",
  ],
  [
    "MIDDEL_TOO_LOW",
    { service, now: in2022, middelLevel: "EH2+", machtigingen: [forDuo("EH3")] },
    "middel-too-low",
  ],
  [
    "NO_MACHTIGING",
    { service, now: in2022, middelLevel: "EH3", machtigingen: [] },
    "no-machtiging",
  ],
  [
    "MACHTIGING_NOT_YET_VALID",
    {
      service,
      now: in2022,
      middelLevel: "EH3",
      machtigingen: [{ ...forDuo("EH3"), validFrom: new Date("2023-01-01") }],
    },
    "machtiging-not-yet-valid",
  ],
  [
    "MACHTIGING_EXPIRED",
    {
      service,
      now: in2022,
      middelLevel: "EH3",
      machtigingen: [{ ...forDuo("EH3"), validUntil: new Date("2022-01-01") }],
    },
    "machtiging-expired",
  ],
  [
    "MACHTIGING_TOO_LOW",
    { service, now: in2022, middelLevel: "EH3", machtigingen: [forDuo("EH2+")] },
    "machtiging-too-low",
  ],
  [
    "REQUEST_ABOVE_CATALOGUE_LEVEL",
    {
      service,
      requestedLevel: "EH4",
      now: in2022,
      middelLevel: "EH4",
      machtigingen: [forDuo("EH4")],
    },
    "request-above-catalogue",
  ],
  [
    "EH1_REQUESTED_AFTER_RETIREMENT",
    {
      service,
      requestedLevel: "EH1",
      now: in2022,
      middelLevel: "EH3",
      machtigingen: [forDuo("EH3")],
    },
    "request-eh1-retired",
  ],
];

const context = {
  service: "Mijn DUO voor zakelijke klanten",
  level: "EH3" as const,
  helpdesk: "DUO",
};

describe("failureKind", () => {
  it.each(CASES)(
    "recognises the shared rules' %s in the StatusMessage",
    (reason, attempt, kind) => {
      const decision = decideLogin(attempt);
      if (decision.ok) throw new Error("expected a refusal");
      expect(decision.reason).toBe(reason);
      const failure = {
        status: `urn:oasis:names:tc:SAML:2.0:status:${decision.status}`,
        subStatus: `urn:oasis:names:tc:SAML:2.0:status:${decision.subStatus}`,
        message: decision.message.en,
      };
      expect(failureKind(failure)).toBe(kind);
      const explained = explainFailure(failure, context);
      expect(explained.title.length).toBeGreaterThan(10);
      expect(explained.nextSteps.length).toBeGreaterThan(0);
      expect(explained.codes).toContain(decision.status);
    },
  );

  it("treats a cancel as cancelled and names no fault", () => {
    const explained = explainFailure(
      {
        status: "urn:oasis:names:tc:SAML:2.0:status:Responder",
        subStatus: "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed",
        message: "The user cancelled the login at the makelaar.",
      },
      context,
    );
    expect(explained.kind).toBe("cancelled");
    expect(explained.title).toBe("U heeft het inloggen afgebroken");
  });

  it("tells an empty ArtifactResponse (reused artifact) from an answer the SP did not trust", () => {
    expect(failureKind({ status: "", message: "The artifact is unknown" })).toBe("answer-unusable");
    expect(failureKind({ status: "", message: "bad signature", untrusted: true })).toBe(
      "answer-untrusted",
    );
  });

  it("names the machtiging to ask for and the level in the advice", () => {
    const explained = explainFailure(
      {
        status: "urn:oasis:names:tc:SAML:2.0:status:Responder",
        message: "The person has no machtiging for this service from this organisation.",
      },
      context,
    );
    expect(explained.nextSteps.join(" ")).toContain(
      'machtiging "Mijn DUO voor zakelijke klanten" op niveau EH3',
    );
  });

  it("states the middel's level and the needed one when the middel is too low", () => {
    const explained = explainFailure(
      {
        status: "urn:oasis:names:tc:SAML:2.0:status:Responder",
        message: "The middel is EH2+; this service needs at least EH3.",
      },
      context,
    );
    expect(explained.explanation).toBe(
      "Mijn DUO voor zakelijke klanten vraagt eHerkenning op niveau EH3; uw middel heeft niveau EH2+.",
    );
  });
});
