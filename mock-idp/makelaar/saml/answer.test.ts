// The shape of a successful answer, element by element, as real 1.13
// makelaars send it (docs/makelaar.md names the source of each rule).
import { DOMParser, type Element } from "@xmldom/xmldom";
import supertest from "supertest";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import { createMakelaar } from "../app.ts";
import { parseArtifact } from "../artifacts.ts";
import { NS } from "../../saml-core/xml.ts";
import type { Makelaar } from "../makelaar.ts";
import type { ServiceProvider } from "../../sp/index.ts";
import {
  BASE_URL,
  PERSONS,
  SCHOOL,
  SSO_URL,
  appFetch,
  person,
  sendRequest,
  testMakelaar,
  testServiceProvider,
  testWorld,
} from "./test-support.ts";

const SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
const XENC = "http://www.w3.org/2001/04/xmlenc#";
const DS = "http://www.w3.org/2000/09/xmldsig#";

let makelaar: Makelaar;
let sp: ServiceProvider;
beforeEach(async () => {
  makelaar = await testMakelaar();
  sp = await testServiceProvider(makelaar);
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Logs in by artifact as `personId`; the SP's result and the HM assertion's element. */
async function login(personId: string = PERSONS.eh3.id, client = sp, app = makelaar) {
  app.state.autoLogin = { personId, kvk: SCHOOL.kvk };
  const message = client.authnRequest({
    serviceIndex: 1,
    binding: "redirect",
    destination: SSO_URL,
  });
  const answer = await sendRequest(app.app, message);
  const samlArt = new URL(answer.headers.location as string).searchParams.get("SAMLart")!;
  const result = await client.resolveArtifact(samlArt, {
    arsUrl: `${BASE_URL}/broker/ars/1.13`,
    fetch: appFetch(app.app),
  });
  if (!result.ok) throw new Error(result.message);
  const doc = new DOMParser().parseFromString(result.responseXml, "text/xml");
  const assertion = Array.from(doc.getElementsByTagNameNS(SAML, "Assertion")).find(
    (a) => (a.parentNode as Element).localName === "Response",
  )!;
  return { result, assertion, xml: result.responseXml };
}

function child(parent: Element, localName: string, ns = SAML): Element {
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === localName) {
      if ((node as Element).namespaceURI === ns) return node as Element;
    }
  }
  throw new Error(`no ${localName} under ${parent.localName}`);
}

function children(parent: Element, localName: string, ns = SAML): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === localName) {
      if ((node as Element).namespaceURI === ns) found.push(node as Element);
    }
  }
  return found;
}

describe("the HM assertion", () => {
  it("names the AD as AuthenticatingAuthority and as the Subject NameID's qualifier", async () => {
    const { assertion } = await login();
    const ad = makelaar.adviceParties.ad.entityID;
    expect(ad).toMatch(/^urn:etoegang:AD:\d{20}:entities:9\d{3}$/);
    const nameId = child(child(assertion, "Subject"), "NameID");
    expect(nameId.getAttribute("NameQualifier")).toBe(ad);
    expect(nameId.getAttribute("Format")).toBe(
      "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
    );
    const context = child(child(assertion, "AuthnStatement"), "AuthnContext");
    expect(child(context, "AuthenticatingAuthority").textContent).toBe(ad);
  });

  it("types plain attribute values xs:string, declares xs and xsi, and writes no NameFormat", async () => {
    const { assertion } = await login();
    expect(assertion.getAttribute("xmlns:xs")).toBe("http://www.w3.org/2001/XMLSchema");
    const attributes = children(child(assertion, "AttributeStatement"), "Attribute");
    expect(attributes.map((a) => a.getAttribute("Name"))).toEqual([
      "urn:etoegang:core:ServiceID",
      "urn:etoegang:core:ServiceUUID",
      "urn:etoegang:core:LegalSubjectID",
      "urn:etoegang:core:ActingSubjectID",
      // Mijn DUO's definition asks it in the catalogue.
      "urn:etoegang:1.11:attribute-represented:CompanyName",
    ]);
    for (const attribute of attributes) expect(attribute.hasAttribute("NameFormat")).toBe(false);
    const serviceId = child(attributes[0]!, "AttributeValue");
    expect(serviceId.getAttribute("xsi:type")).toBe("xs:string");
    expect(serviceId.getAttribute("xmlns:xsi")).toBe("http://www.w3.org/2001/XMLSchema-instance");
  });

  it("carries the ServiceInstance's UUID, not the service definition's", async () => {
    const { result } = await login();
    expect(result.serviceUUID).toBe(FIXTURE_SERVICES.mijnDuo.instanceUUID);
    expect(result.serviceUUID).not.toBe(FIXTURE_SERVICES.mijnDuo.serviceUUID);
  });

  it("gives LegalSubjectID every identifier of the catalogue's first set: KvK number and RSIN", async () => {
    const { result, assertion } = await login();
    const legal = children(child(assertion, "AttributeStatement"), "Attribute")[2]!;
    expect(children(legal, "AttributeValue")).toHaveLength(2);
    expect(result.legalSubjects).toEqual([
      { type: "KvKnr", value: SCHOOL.kvk, encrypted: true },
      { type: "RSIN", value: SCHOOL.rsin, encrypted: true },
    ]);
  });

  it("writes the pseudonym with the 1.13 NameQualifier", async () => {
    const { result } = await login();
    expect(result.attributeValues["urn:etoegang:core:ActingSubjectID"]).toEqual([
      `Pseudo:${PERSONS.eh3.pseudo}`,
    ]);
  });
});

describe("EncryptedIDs in the network layout", () => {
  it("put the EncryptedKey beside the data, for the DV, named and linked both ways", async () => {
    const { assertion } = await login();
    const legal = children(child(assertion, "AttributeStatement"), "Attribute")[2]!;
    const encryptedId = child(child(legal, "AttributeValue"), "EncryptedID");
    const data = child(encryptedId, "EncryptedData", XENC);
    const keys = children(encryptedId, "EncryptedKey", XENC);
    expect(keys).toHaveLength(1);
    const key = keys[0]!;
    expect(key.getAttribute("Recipient")).toBe(sp.entityID);
    // KeyName of the DV's encryption certificate, as its metadata names it.
    expect(child(child(key, "KeyInfo", DS), "KeyName", DS).textContent).toBe(
      sp.keys.encryption!.fingerprintSha256,
    );
    const dataReference = child(child(key, "ReferenceList", XENC), "DataReference", XENC);
    expect(dataReference.getAttribute("URI")).toBe(`#${data.getAttribute("Id")}`);
    expect(child(key, "CarriedKeyName", XENC).textContent).toBe(
      child(child(data, "KeyInfo", DS), "KeyName", DS).textContent,
    );
    expect(children(child(data, "KeyInfo", DS), "EncryptedKey", XENC)).toHaveLength(0);
  });

  it("nest the EncryptedKey in the data's KeyInfo when the makelaar is told to", async () => {
    const nested = await createMakelaar({
      baseUrl: BASE_URL,
      world: testWorld(),
      encryptedIdLayout: "nested",
    });
    const client = await testServiceProvider(nested);
    const { result, assertion } = await login(PERSONS.eh3.id, client, nested);
    expect(result.legalSubject.value).toBe(SCHOOL.kvk);
    const acting = children(child(assertion, "AttributeStatement"), "Attribute")[3]!;
    const encryptedId = child(child(acting, "AttributeValue"), "EncryptedID");
    expect(children(encryptedId, "EncryptedKey", XENC)).toHaveLength(0);
    const data = child(encryptedId, "EncryptedData", XENC);
    expect(children(child(data, "KeyInfo", DS), "EncryptedKey", XENC)).toHaveLength(1);
  });
});

describe("Advice", () => {
  it("holds the AD's and the MR's assertions, each issued and signed by its own party", async () => {
    const { assertion } = await login();
    const [ad, mr] = children(child(assertion, "Advice"), "Assertion");
    expect(child(ad!, "Issuer").textContent).toBe(makelaar.adviceParties.ad.entityID);
    expect(child(mr!, "Issuer").textContent).toBe(makelaar.adviceParties.mr.entityID);
    expect(makelaar.adviceParties.mr.entityID).toMatch(/^urn:etoegang:MR:\d{20}:entities:9\d{3}$/);
    // Their own keys: the KeyName is each certificate's SHA-1, not the HM's.
    for (const [party, element] of [
      [makelaar.adviceParties.ad, ad!],
      [makelaar.adviceParties.mr, mr!],
    ] as const) {
      const keyName = child(child(child(element, "Signature", DS), "KeyInfo", DS), "KeyName", DS);
      expect(keyName.textContent).toBe(party.keyName);
      expect(party.keys.certificateBase64).not.toBe(makelaar.signingKeys.certificateBase64);
    }
    // The MR refers to the AD's assertion and permits the login.
    expect(child(child(mr!, "Advice"), "AssertionIDRef").textContent).toBe(ad!.getAttribute("ID"));
    expect(mr!.toString()).toContain("<xacml-context:Decision>Permit</xacml-context:Decision>");
  });

  it("states the middel's level in the AD assertion while the HM states the level reached", async () => {
    // An EH4 middel with an EH3 machtiging: the AD says loa4, the HM (and so the DV) EH3.
    makelaar.world.persons = [
      ...makelaar.world.persons,
      person("eh4-met-eh3", "EH4", [
        {
          scope: { kind: "service", serviceUUID: FIXTURE_SERVICES.mijnDuo.serviceUUID },
          level: "EH3",
        },
      ]),
    ];
    const { result, assertion } = await login("eh4-met-eh3");
    const ad = children(child(assertion, "Advice"), "Assertion")[0]!;
    const adLevel = child(
      child(child(ad, "AuthnStatement"), "AuthnContext"),
      "AuthnContextClassRef",
    );
    expect(adLevel.textContent).toBe("urn:etoegang:core:assurance-class:loa4");
    expect(result.level).toBe("EH3");
    expect(result.legalSubjects.map((s) => s.type)).toEqual(["KvKnr", "RSIN"]);
  });

  it("is left out when the makelaar is told to", async () => {
    const bare = await createMakelaar({ baseUrl: BASE_URL, world: testWorld(), advice: false });
    const client = await testServiceProvider(bare);
    const { xml, result } = await login(PERSONS.eh3.id, client, bare);
    expect(xml).not.toContain("<saml:Advice>");
    expect(result.level).toBe("EH3");
  });
});

/** The auto-submitting form of a POST answer: its action and hidden fields, as written. */
function postedForm(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form method="post" action="([^"]*)">/.exec(html)?.[1];
  if (action === undefined) throw new Error(`no form in: ${html.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)">/g,
  )) {
    fields[name!] = value!;
  }
  return { action, fields };
}

describe("how the answer travels", () => {
  const ask = (client: ServiceProvider, relayState?: string) =>
    client.authnRequest({
      serviceIndex: 1,
      binding: "redirect",
      destination: SSO_URL,
      ...(relayState === undefined ? {} : { relayState }),
    });

  it("by HTTP-POST: a form that posts the signed Response and the RelayState, escaped, to the ACS, never stored", async () => {
    const client = await testServiceProvider(makelaar, { acsBinding: "post" });
    makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
    const answer = await sendRequest(makelaar.app, ask(client, `terug "nu" & <weer>`));
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(answer.headers["cache-control"]).toBe("no-cache, no-store");
    expect(answer.headers["pragma"]).toBe("no-cache");
    expect(answer.text).toContain("<title>Terug naar de dienst</title>");
    const form = postedForm(answer.text);
    expect(form.action).toBe("https://dv.example/acs");
    expect(Object.keys(form.fields)).toEqual(["SAMLResponse", "RelayState"]);
    // The fields follow each other directly inside the form.
    expect(answer.text).toMatch(
      /<form method="post" action="[^"]*"><input type="hidden" name="SAMLResponse" value="[^"]*"><input type="hidden" name="RelayState" value="[^"]*">\n/,
    );
    expect(form.fields.RelayState).toBe("terug &quot;nu&quot; &amp; &lt;weer&gt;");
    const response = Buffer.from(form.fields.SAMLResponse!, "base64").toString("utf8");
    expect(response).toMatch(
      /^<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" /,
    );
    expect(await client.readPostResponse(form.fields.SAMLResponse!)).toMatchObject({
      ok: true,
      level: "EH3",
    });
  });

  it("by HTTP-POST without a RelayState: the form has no RelayState field", async () => {
    const client = await testServiceProvider(makelaar, { acsBinding: "post" });
    makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
    const answer = await sendRequest(makelaar.app, ask(client));
    expect(Object.keys(postedForm(answer.text).fields)).toEqual(["SAMLResponse"]);
  });

  it("by Artifact: 303 to the ACS with SAMLart only when the request had no RelayState, never stored", async () => {
    makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
    const answer = await sendRequest(makelaar.app, ask(sp));
    expect(answer.status).toBe(303);
    expect(answer.headers["cache-control"]).toBe("no-cache, no-store");
    expect(answer.headers["pragma"]).toBe("no-cache");
    const location = new URL(answer.headers.location as string);
    expect(location.origin + location.pathname).toBe("https://dv.example/acs");
    expect([...location.searchParams.keys()]).toEqual(["SAMLart"]);
  });
});

describe("what the answer says and what the answer log records", () => {
  const inject = (fault: object) =>
    supertest(makelaar.app).post("/__admin/faults").send(fault).expect(201);

  async function answerXml(
    client = sp,
    { personId = PERSONS.eh3.id as string, serviceIndex = 1 } = {},
  ): Promise<string> {
    makelaar.state.autoLogin = { personId, kvk: SCHOOL.kvk };
    const message = client.authnRequest({
      serviceIndex,
      binding: "redirect",
      destination: SSO_URL,
    });
    const answer = await sendRequest(makelaar.app, message);
    if (answer.status === 200) {
      return Buffer.from(postedForm(answer.text).fields.SAMLResponse!, "base64").toString("utf8");
    }
    const samlArt = new URL(answer.headers.location as string).searchParams.get("SAMLart")!;
    const artifact = parseArtifact(samlArt)!;
    const resolved = makelaar.state.artifacts.resolve(
      artifact,
      client.entityID,
      makelaar.protocolNow().getTime(),
    );
    if (!resolved.ok) throw new Error(resolved.problem);
    return resolved.responseXml;
  }

  it("by Artifact the Response is unsigned and declares no samlp: it sits inside the signed ArtifactResponse", async () => {
    const xml = await answerXml();
    expect(xml).toMatch(/^<samlp:Response Destination="https:\/\/dv\.example\/acs" ID="_/);
    expect(xml).toMatch(
      /^<samlp:Response [^>]*><saml:Issuer xmlns:saml="[^"]+">[^<]+<\/saml:Issuer><samlp:Status>/,
    );
  });

  it("a status fault without a second-level code answers with the status asked and AuthnFailed below it", async () => {
    await inject({ kind: "status", status: "Requester", message: "Niet nu" });
    const xml = await answerXml();
    expect(xml).toContain(
      '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Requester">' +
        '<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"></samlp:StatusCode></samlp:StatusCode>' +
        "<samlp:StatusMessage>Niet nu</samlp:StatusMessage></samlp:Status>",
    );
    expect(xml).not.toContain("<saml:Assertion");
    expect(makelaar.state.answers.at(-1)).toMatchObject({
      status: "Requester/AuthnFailed",
      statusMessage: "Niet nu",
      reason: "REQUEST_REFUSED",
      fault: "status",
      binding: "artifact",
    });
  });

  it("a success is logged with its level, person and organisation, and no notes", async () => {
    await answerXml();
    const logged = makelaar.state.answers.at(-1)!;
    expect(logged).toMatchObject({
      status: "Success",
      levelReached: "EH3",
      user: PERSONS.eh3.id,
      kvk: SCHOOL.kvk,
      sp: sp.entityID,
    });
    expect(logged).not.toHaveProperty("fault");
    expect(logged).not.toHaveProperty("notes");
  });

  it("an Artifact-only fault on an SP that takes HTTP-POST leaves the answer whole and says why in the log", async () => {
    const client = await testServiceProvider(makelaar, { acsBinding: "post" });
    for (const kind of ["artifact-already-resolved", "ars-down"]) {
      await inject({ kind });
      const xml = await answerXml(client);
      expect(xml).toContain("<saml:Assertion");
      expect(makelaar.state.answers.at(-1)).toMatchObject({
        status: "Success",
        fault: kind,
        notes: [`${kind}: this SP's ACS takes HTTP-POST, so there is no artifact to break`],
      });
    }
  });

  it("replayed-assertion with no earlier success to this SP sends the fresh answer and says so in the log", async () => {
    await inject({ kind: "replayed-assertion" });
    const xml = await answerXml();
    expect(xml).toContain("<saml:Assertion");
    expect(makelaar.state.answers.at(-1)).toMatchObject({
      fault: "replayed-assertion",
      notes: ["replayed-assertion: no earlier successful answer to this SP to replay"],
    });
  });

  it("replays the last unbroken success: neither a refusal nor a broken answer replaces it", async () => {
    const first = await answerXml();
    await inject({ kind: "status", status: "Responder", message: "Storing" });
    await answerXml();
    await inject({ kind: "wrong-audience" });
    await answerXml();
    await inject({ kind: "replayed-assertion" });
    expect(await answerXml()).toBe(first);
  });

  /** The children of an element: elements by local name, any text as "#text". */
  const childNodes = (parent: Element): string[] =>
    Array.from(parent.childNodes).map((n) =>
      n.nodeType === 1 ? ((n as Element).localName ?? "") : "#text",
    );
  /** The Response element; one sent by Artifact declares no samlp of its own, so it is read wrapped. */
  const parse = (xml: string): Element =>
    new DOMParser()
      .parseFromString(`<wrap xmlns:samlp="${NS.samlp}">${xml}</wrap>`, "text/xml")
      .getElementsByTagNameNS(NS.samlp, "Response")
      .item(0)!;

  it("writes an Assertion of exactly its elements, with no text between them, when it carries no Advice or CompanyName", async () => {
    makelaar = await createMakelaar({ baseUrl: BASE_URL, world: testWorld(), advice: false });
    sp = await testServiceProvider(makelaar);
    const response = parse(
      await answerXml(sp, { personId: PERSONS.everything.id, serviceIndex: 3 }),
    );
    const assertion = child(response, "Assertion");
    expect(childNodes(assertion)).toEqual([
      "Issuer",
      "Signature",
      "Subject",
      "Conditions",
      "AuthnStatement",
      "AttributeStatement",
    ]);
    const statement = child(assertion, "AttributeStatement");
    expect(childNodes(statement)).toEqual(["Attribute", "Attribute", "Attribute", "Attribute"]);
    const legal = children(statement, "Attribute")[2]!;
    expect(childNodes(legal)).toEqual(["AttributeValue", "AttributeValue"]);
  });

  it("confirms the subject by bearer, and the AD's assertion names the HM's ACS as its Recipient", async () => {
    const assertion = child(parse(await answerXml()), "Assertion");
    const confirmation = child(child(assertion, "Subject"), "SubjectConfirmation");
    expect(confirmation.getAttribute("Method")).toBe("urn:oasis:names:tc:SAML:2.0:cm:bearer");
    const ad = children(child(assertion, "Advice"), "Assertion")[0]!;
    const adData = child(
      child(child(ad, "Subject"), "SubjectConfirmation"),
      "SubjectConfirmationData",
    );
    expect(adData.getAttribute("Recipient")).toBe(`${BASE_URL}/broker/acs/1.13`);
  });

  it("writes a refusal as Issuer and Status only, whether the overstap rules or the request's checks refused", async () => {
    const ruled = parse(await answerXml(sp, { personId: PERSONS.noMachtiging.id }));
    expect(childNodes(ruled)).toEqual(["Issuer", "Status"]);
    const unknownService = parse(await answerXml(sp, { serviceIndex: 9 }));
    expect(
      child(child(unknownService, "Status", NS.samlp), "StatusMessage", NS.samlp).textContent,
    ).toContain("is not in the dienstencatalogus");
    expect(childNodes(unknownService)).toEqual(["Issuer", "Status"]);
  });

  it("answers 500 with a plain message, and says why on stderr, when it cannot build the answer", async () => {
    vi.spyOn(makelaar.state.artifacts, "issue").mockImplementation(() => {
      throw new Error("the store is broken");
    });
    const stderr = vi.spyOn(console, "error").mockImplementation(() => undefined);
    makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
    const message = sp.authnRequest({ serviceIndex: 1, binding: "redirect", destination: SSO_URL });
    const answer = await sendRequest(makelaar.app, message);
    expect(answer.status).toBe(500);
    expect(answer.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(answer.text).toBe("Internal error: could not build the SAML answer.\n");
    expect(stderr).toHaveBeenCalledWith(
      "mock makelaar: could not build the answer:",
      expect.objectContaining({ message: "the store is broken" }),
    );
    stderr.mockRestore();
  });
});
