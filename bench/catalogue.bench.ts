// npm run bench:catalogue: generates a 10,000-service catalogue and prints how
// long parsing, indexing and look-ups take. Targets: parse < 500 ms, look-up < 0.1 ms.
import {
  IDENTIFIER_TYPES,
  serviceId,
  indexCatalogue,
  parseCatalogue,
  writeCatalogue,
  LEVEL_LABELS,
  type Catalogue,
  type ServiceProvider,
} from "../eherkenning/index.ts";
import { inventedOin, inventedUuid } from "../eherkenning/fixtures/catalogue.ts";

const SERVICES = 10_000;
const PER_PROVIDER = 10;

function generate(): Catalogue {
  const providers: ServiceProvider[] = [];
  for (let p = 0; p < SERVICES / PER_PROVIDER; p++) {
    const oin = inventedOin(1000 + p);
    const definitions = [];
    const instances = [];
    for (let s = 0; s < PER_PROVIDER; s++) {
      const n = p * PER_PROVIDER + s;
      const uuid = inventedUuid(100_000 + n);
      definitions.push({
        serviceUUID: uuid,
        isPublic: true,
        names: [
          { lang: "nl", value: `Dienst ${n} van aanbieder ${p}` },
          { lang: "en", value: `Service ${n} of provider ${p}` },
        ],
        descriptions: [
          { lang: "nl", value: `Omschrijving van dienst ${n}, gegenereerd voor de benchmark.` },
        ],
        descriptionURLs: [{ lang: "nl", value: `https://aanbieder-${p}.example/diensten/${n}` }],
        level: LEVEL_LABELS[1 + (n % 4)] ?? "EH3",
        herkenningsmakelaarId: inventedOin(1),
        entityConcernedTypesAllowed: [{ type: IDENTIFIER_TYPES.kvk, setNumber: "1" }],
        serviceRestrictionsAllowed: [],
        requestedAttributes: [],
      });
      instances.push({
        serviceID: serviceId(oin, s + 1),
        serviceUUID: inventedUuid(500_000 + n),
        instanceOfService: uuid,
        isPublic: true,
        serviceURLs: [{ lang: "nl", value: `https://aanbieder-${p}.example/` }],
        privacyPolicyURLs: [],
        herkenningsmakelaarId: inventedOin(1),
        serviceCertificates: [],
        classifiers: [],
      });
    }
    providers.push({
      oin,
      isPublic: true,
      displayNames: [{ lang: "nl", value: `Aanbieder ${p}` }],
      definitions,
      instances,
    });
  }
  return { providers };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const xml = writeCatalogue(generate());
console.log(`catalogue: ${SERVICES} services, ${(xml.length / 1024 / 1024).toFixed(1)} MB of XML`);

const parseTimes: number[] = [];
const indexTimes: number[] = [];
let index = indexCatalogue(parseCatalogue(xml)); // warm-up
for (let run = 0; run < 5; run++) {
  const t0 = performance.now();
  const catalogue = parseCatalogue(xml);
  const t1 = performance.now();
  index = indexCatalogue(catalogue);
  indexTimes.push(performance.now() - t1);
  parseTimes.push(t1 - t0);
  process.stdout.write(`  run ${run + 1}/5: parse ${(t1 - t0).toFixed(0)} ms\n`);
}

const LOOKUPS = 100_000;
const ids = index.services.map((s) => s.serviceIDs[0] ?? "");
const names = index.services.map((s) => s.service);
let found = 0;
let t = performance.now();
for (let i = 0; i < LOOKUPS; i++)
  if (index.byServiceID(ids[(i * 7919) % ids.length] ?? "")) found++;
const byIdMs = (performance.now() - t) / LOOKUPS;
t = performance.now();
for (let i = 0; i < LOOKUPS; i++)
  if (index.byName(names[(i * 7919) % names.length] ?? "").length) found++;
const byNameMs = (performance.now() - t) / LOOKUPS;
if (found !== 2 * LOOKUPS) throw new Error(`look-ups missed: ${2 * LOOKUPS - found}`);

console.log(`parse:              median ${median(parseTimes).toFixed(0)} ms (target < 500 ms)`);
console.log(`index:              median ${median(indexTimes).toFixed(0)} ms`);
console.log(`look-up ServiceID:  ${(byIdMs * 1000).toFixed(2)} µs (target < 100 µs)`);
console.log(`look-up by name:    ${(byNameMs * 1000).toFixed(2)} µs`);
console.log(`heap used:          ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB`);
