import { beforeAll, describe, expect, it } from "vitest";
import { BadRequestError } from "../errors.ts";
import { generate } from "selfsigned";
import {
  certificateBase64,
  fingerprintSha256,
  testKeyPair,
  type TestKeyPair,
} from "../../saml-core/keys.ts";
import { serviceProviderMetadataXml } from "../../sp/metadata.ts";
import { MakelaarState } from "../state.ts";
import { parseServiceProviderMetadata, registerServiceProvider } from "./sp-registration.ts";
import { SP_ENTITY_ID, SP_SERVICES, testWorld } from "./test-support.ts";

let signing: TestKeyPair;
let encryption: TestKeyPair;
let unsigned: string;
beforeAll(async () => {
  signing = await testKeyPair("sp-signing", { commonName: "eh-overstap test SP signing" });
  encryption = await testKeyPair("sp-encryption", { commonName: "eh-overstap test SP encryption" });
  unsigned = serviceProviderMetadataXml({
    entityID: SP_ENTITY_ID,
    acsUrl: "https://dv.example/acs",
    acsBinding: "artifact",
    services: SP_SERVICES,
    signing,
    encryption,
    signed: false,
  });
});

const refusal = (xml: string) => {
  try {
    parseServiceProviderMetadata(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestError);
    return (error as Error).message;
  }
  throw new Error("expected the metadata to be refused");
};

describe("SP metadata", () => {
  it("reads certificates, the ACS and the ServiceID per AttributeConsumingService index", () => {
    const metadata = parseServiceProviderMetadata(
      serviceProviderMetadataXml({
        entityID: SP_ENTITY_ID,
        acsUrl: "https://dv.example/acs",
        acsBinding: "post",
        services: SP_SERVICES,
        signing,
        encryption,
      }),
    );
    expect(metadata).toMatchObject({
      entityID: SP_ENTITY_ID,
      signingCertificates: [signing.certificateBase64],
      encryptionCertificates: [encryption.certificateBase64],
      assertionConsumerServices: [
        { index: 0, url: "https://dv.example/acs", binding: "post", isDefault: true },
      ],
      signed: true,
    });
    expect(metadata.services.get(1)).toBe(SP_SERVICES[0]!.serviceID);
  });

  it("uses a KeyDescriptor without use for signing and encryption", () => {
    const both = unsigned
      .replace(/<md:KeyDescriptor use="encryption">[\s\S]*?<\/md:KeyDescriptor>/, "")
      .replace(' use="signing"', "");
    expect(parseServiceProviderMetadata(both)).toMatchObject({
      signingCertificates: [signing.certificateBase64],
      encryptionCertificates: [signing.certificateBase64],
    });
  });

  it.each<[string, (xml: string) => string, RegExp]>([
    ["not XML", () => "metadata, please", /is not XML/],
    ["a DTD", (x) => `<!DOCTYPE x>${x}`, /DTDs are refused/],
    [
      "not an EntityDescriptor",
      () => `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"/>`,
      /not an md:EntityDescriptor/,
    ],
    [
      "no SPSSODescriptor",
      (x) => x.replace(/<md:SPSSODescriptor[\s\S]*<\/md:SPSSODescriptor>/, ""),
      /there is no md:SPSSODescriptor/,
    ],
    [
      "no signing certificate",
      (x) => x.replace(/<md:KeyDescriptor use="signing">[\s\S]*?<\/md:KeyDescriptor>/, ""),
      /no signing certificate/,
    ],
    [
      "no ACS",
      (x) => x.replace(/<md:AssertionConsumerService [^>]*\/>/, ""),
      /no md:AssertionConsumerService/,
    ],
    [
      "an AttributeConsumingService without a ServiceID",
      (x) =>
        x.replace(
          /Name="urn:etoegang:DV:00000099000000000010:services:1"/,
          'Name="urn:etoegang:1.11:attribute-represented:CompanyName"',
        ),
      /AttributeConsumingService 1 has no md:RequestedAttribute named by a ServiceID/,
    ],
  ])("refuses %s, naming it", (_name, change, message) => {
    expect(refusal(change(unsigned))).toMatch(message);
  });

  it("refuses signed metadata whose signature does not verify", () => {
    const signed = serviceProviderMetadataXml({
      entityID: SP_ENTITY_ID,
      acsUrl: "https://dv.example/acs",
      acsBinding: "artifact",
      services: SP_SERVICES,
      signing,
      encryption,
    });
    expect(refusal(signed.replace("https://dv.example/acs", "https://evil.example/acs"))).toMatch(
      /the signature does not verify/,
    );
  });

  it("registers by entityID, replacing an earlier registration", () => {
    const state = new MakelaarState("urn:test:makelaar", testWorld().serviceProviders);
    registerServiceProvider(state, unsigned);
    registerServiceProvider(
      state,
      unsigned.replace("https://dv.example/acs", "https://dv.example/acs2"),
    );
    expect(state.serviceProviders).toHaveLength(1);
    expect(state.serviceProviders[0]!.metadataXml).toContain("acs2");
  });

  it("refuses a signing or encryption certificate with an RSA key under 2048 bits, naming it and its size", async () => {
    // A TEST KEY, made here: eHerkenning asks RSA keys of at least 2048 bits.
    const pems = await generate(
      [{ name: "commonName", value: "weak SP - TEST KEY - eh-overstap" }],
      { keySize: 1024, algorithm: "sha256" },
    );
    const weak: TestKeyPair = {
      privateKeyPem: pems.private,
      certificatePem: pems.cert,
      certificateBase64: certificateBase64(pems.cert),
      fingerprintSha256: fingerprintSha256(pems.cert),
    };
    const metadata = (keys: { signing: TestKeyPair; encryption: TestKeyPair }) =>
      serviceProviderMetadataXml({
        entityID: SP_ENTITY_ID,
        acsUrl: "https://dv.example/acs",
        acsBinding: "artifact",
        services: SP_SERVICES,
        ...keys,
        signed: false,
      });
    expect(refusal(metadata({ signing: weak, encryption }))).toBe(
      `SP metadata of ${SP_ENTITY_ID}: signing certificate 1 (CN=weak SP - TEST KEY - eh-overstap) has an RSA key of 1024 bits; eHerkenning asks at least 2048.`,
    );
    expect(refusal(metadata({ signing, encryption: weak }))).toBe(
      `SP metadata of ${SP_ENTITY_ID}: encryption certificate 1 (CN=weak SP - TEST KEY - eh-overstap) has an RSA key of 1024 bits; eHerkenning asks at least 2048.`,
    );
    expect(
      parseServiceProviderMetadata(metadata({ signing, encryption })).signingCertificates,
    ).toHaveLength(1);
  });

  it("refuses a certificate longer than 16,384 characters of base64 before reading it", () => {
    const huge = unsigned.replace(signing.certificateBase64, "A".repeat(20_000));
    expect(refusal(huge)).toBe(
      `SP metadata of ${SP_ENTITY_ID}: signing certificate 1 is 20000 characters of base64; at most 16384 are accepted.`,
    );
  });

  it("refuses a certificate that is not DER X.509", () => {
    const broken = unsigned.replace(signing.certificateBase64, "AAAA");
    expect(refusal(broken)).toBe(
      `SP metadata of ${SP_ENTITY_ID}: signing certificate 1 is not a DER X.509 certificate in base64.`,
    );
  });
});
