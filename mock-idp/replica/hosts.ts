// The host names the harness answers to. Browsers reach them through
// Chromium's --host-resolver-rules, so URLs keep their real, port-less form
// (https://mijn.duo.nl/) while every request lands on one local listener.
// The sites' names come from the registry (sites.ts).
import { REPLICA_SITES, type SiteKey } from "./sites.ts";

/** The mock makelaar; .test is reserved, so it can never clash with a real site. */
export const MAKELAAR_HOST = "makelaar.eh-overstap.test";

export const HOSTS: Readonly<Record<"makelaar" | SiteKey, string>> = Object.freeze({
  makelaar: MAKELAAR_HOST,
  ...(Object.fromEntries(
    Object.entries(REPLICA_SITES).map(([key, site]) => [key, site.host]),
  ) as Record<SiteKey, string>),
});

export type HostKey = keyof typeof HOSTS;

export const ALL_HOSTS: readonly string[] = Object.values(HOSTS);

export const MAKELAAR_BASE_URL = `https://${HOSTS.makelaar}`;

/**
 * Chromium's --host-resolver-rules value mapping every harness host to the
 * local listener. Pass it as `--host-resolver-rules=${hostResolverRules(port)}`.
 */
export function hostResolverRules(port: number, address = "127.0.0.1"): string {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`hostResolverRules: port must be 1-65535, got ${String(port)}`);
  }
  return ALL_HOSTS.map((host) => `MAP ${host} ${address}:${port}`).join(", ");
}

/** The Chromium flag itself, ready for launch args. */
export function hostResolverFlag(port: number, address = "127.0.0.1"): string {
  return `--host-resolver-rules=${hostResolverRules(port, address)}`;
}

/** The host a request names, lower case, without the port. */
export function hostOf(hostHeader: string | undefined): string {
  if (!hostHeader) return "";
  const trimmed = hostHeader.trim().toLowerCase();
  // [::1]:443 keeps its brackets; name:port loses the port.
  if (trimmed.startsWith("[")) return trimmed.slice(0, trimmed.indexOf("]") + 1);
  return trimmed.replace(/:\d*$/, "").replace(/\.$/, "");
}
