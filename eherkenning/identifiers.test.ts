import { describe, expect, it } from "vitest";
import {
  IDENTIFIER_TYPES,
  entityId,
  identifierTypeName,
  parseEntityId,
  serviceId,
} from "./identifiers.ts";

const OIN = "00000099000000000001";

describe("identifiers", () => {
  it("builds entity IDs and ServiceIDs in the network's form", () => {
    expect(entityId("AD", OIN, 9001)).toBe(`urn:etoegang:AD:${OIN}:entities:9001`);
    expect(serviceId(OIN, 3)).toBe(`urn:etoegang:DV:${OIN}:services:3`);
  });

  it("refuses an OIN that is not 20 digits", () => {
    expect(() => entityId("MR", "123", 9001)).toThrow(/OIN "123" is not 20 digits/);
  });

  it("reads an entity ID back, and nothing that is not one", () => {
    expect(parseEntityId(entityId("MR", OIN, 9002))).toEqual({ role: "MR", oin: OIN, index: 9002 });
    expect(parseEntityId(`urn:etoegang:XX:${OIN}:entities:1`)).toBeUndefined();
  });

  it("names an identifier type by its last part, in either pseudonym version", () => {
    expect(identifierTypeName(IDENTIFIER_TYPES.kvk)).toBe("KvKnr");
    expect(identifierTypeName(IDENTIFIER_TYPES.pseudo)).toBe("Pseudo");
    expect(identifierTypeName(IDENTIFIER_TYPES.pseudo19)).toBe("Pseudo");
  });
});
