import { describe, expect, it } from "vitest";
import { ALL_HOSTS, HOSTS, hostOf, hostResolverFlag, hostResolverRules } from "./hosts.ts";

describe("hostResolverRules", () => {
  it("maps every replica host to the local port, port-less URLs staying intact", () => {
    const rules = hostResolverRules(7443);
    for (const host of ALL_HOSTS) expect(rules).toContain(`MAP ${host} 127.0.0.1:7443`);
    expect(rules.split(", ")).toHaveLength(ALL_HOSTS.length);
    expect(hostResolverFlag(8443)).toBe(`--host-resolver-rules=${hostResolverRules(8443)}`);
  });

  it("serves the real host names and keeps the makelaar on a reserved .test name", () => {
    expect(HOSTS.mijnDuo).toBe("mijn.duo.nl");
    expect(HOSTS.eherkenning).toBe("www.eherkenning.nl");
    expect(HOSTS.aggregator).toBe("aggregator.etoegang.nl");
    expect(HOSTS.makelaar.endsWith(".test")).toBe(true);
    expect(HOSTS.zuiderwaard.endsWith(".test")).toBe(true);
  });

  it("refuses a port that Chromium could not use", () => {
    expect(() => hostResolverRules(0)).toThrow(/port must be 1-65535/);
    expect(() => hostResolverRules(70000)).toThrow(/got 70000/);
  });
});

describe("hostOf", () => {
  it("ignores the port, case and a trailing dot", () => {
    expect(hostOf("Mijn.DUO.nl:7443")).toBe("mijn.duo.nl");
    expect(hostOf("www.eherkenning.nl.")).toBe("www.eherkenning.nl");
    expect(hostOf("[::1]:443")).toBe("[::1]");
    expect(hostOf(undefined)).toBe("");
  });
});
