// The bin's start in parts, for bench:startup, which bundles this file as
// build:kit bundles the bin and runs it from the installed package. It loads
// what the makelaar's start needs step by step, then runs the makelaar's own
// main() up to its banner, and prints the CPU time each step added as one
// JSON line. The parts add up to the bin's CPU time to listening.
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const parts: Record<string, number> = {};
let last = cpuMs();
// Until this line: Node's own start, and compiling this small entry file.
parts["Node's own start"] = last;
const step = (part: string) => {
  const now = cpuMs();
  parts[part] = now - last;
  last = now;
};

await import("express");
step("express");
await import("../mock-idp/saml-core/signature.ts");
step("xmldom and xml-crypto");
await import("../mock-idp/world/default.ts");
step("the eherkenning module and the world");
const { main } = await import("../mock-idp/makelaar/cli.ts");
step("the makelaar's own code");
console.log = (text: unknown) => {
  if (!String(text).startsWith("Mock eHerkenning makelaar")) return;
  step("world, keys, Express app, listening");
  process.stdout.write(`${JSON.stringify(parts)}\n`);
  process.exit(0);
};
await main(["--port", "0"]);

export {};
