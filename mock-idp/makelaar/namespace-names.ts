// How a request names its namespace in a shared makelaar (namespaces.ts): a
// header from Node code (the admin client), a cookie from a browser (set by
// the e2e kit), so the service under test never needs to know. Kept apart so
// the admin client can import the names without the server code.
export const NAMESPACE_HEADER = "x-eh-overstap-namespace";
export const NAMESPACE_COOKIE = "eh-overstap-namespace";
/** A namespace name: letters, digits, '.', '_' and '-', at most 64. */
export const NAMESPACE_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
