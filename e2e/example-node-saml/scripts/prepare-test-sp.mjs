// Writes what the Bedrijvenloket needs to run against the mock makelaar, with
// eh-overstap's own writers: TEST keys (.cache/sp/*.pem), the signed SP
// metadata the makelaar registers (.cache/sp/metadata.xml) and the
// dienstencatalogus listing our two diensten (.cache/catalogue.xml).
// Run before the service and the makelaar start (playwright.config.ts does).
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  MOCK_MAKELAAR_OIN,
  inventedUuid,
  serviceProviderMetadataXml,
  testKeyPair,
  writeCatalogue,
} from "eh-overstap";
import { DIENSTEN, ENTITY_ID, OIN, serviceIdOf } from "../service/noordvliet.mjs";

const cache = fileURLToPath(new URL("../.cache/", import.meta.url));
const port = Number(process.env.PORT ?? 7451);
mkdirSync(`${cache}sp`, { recursive: true });

const keyDirectory = `${cache}keys`;
const [signing, encryption] = await Promise.all([
  testKeyPair("noordvliet-signing", {
    commonName: "Bedrijvenloket Noordvliet signing",
    directory: keyDirectory,
  }),
  testKeyPair("noordvliet-encryption", {
    commonName: "Bedrijvenloket Noordvliet encryption",
    directory: keyDirectory,
  }),
]);
writeFileSync(`${cache}sp/signing-key.pem`, signing.privateKeyPem, { mode: 0o600 });
writeFileSync(`${cache}sp/encryption-key.pem`, encryption.privateKeyPem, { mode: 0o600 });

const diensten = Object.values(DIENSTEN);
writeFileSync(
  `${cache}sp/metadata.xml`,
  serviceProviderMetadataXml({
    entityID: ENTITY_ID,
    acsUrl: `http://127.0.0.1:${port}/saml/acs`,
    acsBinding: "post",
    services: diensten.map((d) => ({ index: d.index, serviceID: serviceIdOf(d), name: d.name })),
    signing,
    encryption,
  }),
);

const uuid = inventedUuid; // INVENTED UUIDs, marked by the group e4e0
const nl = (value) => [{ lang: "nl", value }];
const levels = { evenementen: "EH3", melding: "EH2+", subsidie: "EH3" };
writeFileSync(
  `${cache}catalogue.xml`,
  writeCatalogue({
    providers: [
      {
        oin: OIN,
        isPublic: true,
        displayNames: nl("Gemeente Noordvliet (verzonnen)"),
        definitions: Object.entries(DIENSTEN).map(([key, d]) => ({
          serviceUUID: uuid(90100 + d.index),
          isPublic: true,
          names: nl(d.name),
          descriptions: nl(`${d.name} bij het Bedrijvenloket.`),
          descriptionURLs: [],
          level: levels[key],
          herkenningsmakelaarId: MOCK_MAKELAAR_OIN,
          entityConcernedTypesAllowed: [{ type: "urn:etoegang:1.9:EntityConcernedID:KvKnr" }],
          serviceRestrictionsAllowed: [],
          requestedAttributes: [
            {
              name: "urn:etoegang:1.11:attribute-represented:CompanyName",
              purposeStatements: nl("Om uw organisatie bij naam te noemen."),
            },
          ],
        })),
        instances: diensten.map((d) => ({
          serviceID: serviceIdOf(d),
          serviceUUID: uuid(90200 + d.index),
          instanceOfService: uuid(90100 + d.index),
          isPublic: true,
          serviceURLs: nl(`http://127.0.0.1:${port}/`),
          privacyPolicyURLs: [],
          herkenningsmakelaarId: MOCK_MAKELAAR_OIN,
          serviceCertificates: [encryption.certificateBase64],
          classifiers: [],
        })),
      },
    ],
  }),
);
console.log(`prepare-test-sp: wrote keys, SP metadata and catalogue under ${cache}`);
