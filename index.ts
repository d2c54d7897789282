// eh-overstap, the package's main export: what a team needs to describe and
// check its own eHerkenning overstap in code. The Playwright fixtures are in
// "eh-overstap/playwright"; the command line is the `eh-overstap` bin.
//
// - levels (EH1..EH4, URNs, order), the dienstencatalogus model, parser and
//   writer, identifiers, the overstap rules (requiredLevel, decideLogin) with
//   their refusal reasons and messages, and the known overstappen as data;
export * from "./eherkenning/index.ts";
// - who the mock makelaar is: its OIN (a catalogue's HerkenningsmakelaarId)
//   and entityID, and the markers for INVENTED OINs and UUIDs in test data;
export { MOCK_MAKELAAR_OIN, inventedOin, inventedUuid } from "./eherkenning/fixtures/catalogue.ts";
export { MAKELAAR_ENTITY_ID } from "./mock-idp/makelaar/app.ts";
// - the typed client of the mock makelaar's admin API;
export {
  AdminApiError,
  createAdminClient,
  type AdminClient,
  type AdminClientOptions,
  type AutoLogin,
  type ClockState,
  type Fault,
  type QueuedFault,
  type RawMessage,
  type WorldUpload,
  type LoggedAnswer,
  type LoggedRequest,
  type MachtigingInput,
  type MachtigingScopeInput,
  type Organisation as AdminOrganisation,
  type OrganisationInput,
  type PersonInput,
  type SecondFactorCode,
  type ServiceSummary,
  type TransitionInput,
  type WrittenMachtiging,
  type WrittenPerson,
  type WrittenTransition,
} from "./mock-idp/makelaar/admin/client.ts";
// - SP metadata as the makelaar registers it, and TEST key pairs to sign it;
export {
  serviceProviderMetadataXml,
  type SpMetadataInput,
  type SpService,
} from "./mock-idp/sp/metadata.ts";
export { testKeyPair, type KeyOptions, type TestKeyPair } from "./mock-idp/saml-core/keys.ts";
// - the makelaar itself, in-process, and the world file reader behind --config.
export {
  startServer,
  type RunningMakelaar,
  type ServerOptions,
} from "./mock-idp/makelaar/server.ts";
export { ConfigError, loadWorldConfig } from "./mock-idp/makelaar/config.ts";
export type { World } from "./mock-idp/world/model.ts";
