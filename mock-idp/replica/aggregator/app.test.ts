import { DOMParser, XMLSerializer, type Element } from "@xmldom/xmldom";
import supertest from "supertest";
import { SignedXml } from "xml-crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCatalogue, writeCatalogue } from "../../../eherkenning/index.ts";
import { FIXTURE_CATALOGUE } from "../../../eherkenning/fixtures/catalogue.ts";
import { testKeyPair, type TestKeyPair } from "../../saml-core/keys.ts";
import { defaultWorld } from "../../world/default.ts";
import { WorldState } from "../../world/state.ts";
import { createAggregator } from "./app.ts";

let world: WorldState;
let keys: TestKeyPair;
let app: ReturnType<typeof createAggregator>;
beforeAll(async () => {
  world = new WorldState(defaultWorld());
  keys = await testKeyPair("aggregator-signing", {
    commonName: "eh-overstap replica aggregator catalogue signing",
  });
  app = createAggregator(world, keys);
});

const DSIG = "http://www.w3.org/2000/09/xmldsig#";

function firstElementChild(element: Element): Element | undefined {
  for (const node of Array.from(element.childNodes))
    if (node.nodeType === 1) return node as Element;
  return undefined;
}

/** Verifies the feed's signature against the harness's catalogue certificate. */
function verify(xml: string): boolean {
  const root = new DOMParser().parseFromString(xml, "text/xml").documentElement!;
  const signature = firstElementChild(root);
  expect(signature?.namespaceURI).toBe(DSIG);
  expect(signature?.localName).toBe("Signature");
  const verifier = new SignedXml({ publicCert: keys.certificatePem });
  verifier.loadSignature(new XMLSerializer().serializeToString(signature!));
  try {
    return verifier.checkSignature(xml);
  } catch {
    return false;
  }
}

describe("the catalogue feed", () => {
  it("serves the world's catalogue (the one the makelaar judges by), signed with the Signature first and a Reference to the root ID", async () => {
    const answer = await supertest(app)
      .get("/1.13/servicecatalog.xml")
      .expect(200)
      .expect("content-type", /application\/xml/);
    const xml = answer.text;
    expect(xml).toMatch(
      /<ds:SignedInfo>.*xml-exc-c14n#.*rsa-sha256.*<ds:Reference URI="#_eh-overstap-fixture-catalogue">.*enveloped-signature.*xmlenc#sha256/s,
    );
    expect(verify(xml)).toBe(true);
    const parsed = parseCatalogue(xml);
    expect(parsed.providers.length).toBe(FIXTURE_CATALOGUE.providers.length);
  });

  it("fails verification when a level is changed after signing", async () => {
    const xml = (await supertest(app).get("/1.13/servicecatalog.xml")).text;
    const tampered = xml.replace("assurance-class:loa3", "assurance-class:loa2");
    expect(tampered).not.toBe(xml);
    expect(verify(tampered)).toBe(false);
  });

  it("follows the world when its catalogue changes", async () => {
    const smaller = { ...FIXTURE_CATALOGUE, providers: FIXTURE_CATALOGUE.providers.slice(0, 1) };
    world.setCatalogue(writeCatalogue(smaller));
    try {
      const xml = (await supertest(app).get("/1.13/servicecatalog.xml")).text;
      expect(parseCatalogue(xml).providers).toHaveLength(1);
      expect(verify(xml)).toBe(true);
    } finally {
      world.reset();
    }
  });

  it("answers other paths with a 404 naming the feed's path", async () => {
    const answer = await supertest(app).get("/servicecatalog.xml").expect(404);
    expect(answer.text).toContain("/1.13/servicecatalog.xml");
  });
});
