// Every path the mock makelaar serves, in one frozen table. The /broker/ paths
// and their interface version (1.13) are the public interface (README).
export const ENDPOINTS = Object.freeze({
  metadata: "/broker/metadata/1.13",
  sso: "/broker/sso/1.13",
  ars: "/broker/ars/1.13",
  slo: "/broker/slo/1.13",
  /** The login pages a person walks through. */
  login: "/login",
  /** The catalogue the makelaar judges by, signed. */
  catalogue: "/broker/catalogue/1.13/servicecatalog.xml",
  admin: "/__admin",
});
