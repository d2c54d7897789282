// The admin API under /__admin/: JSON in and out, every body validated with
// zod, every error a 4xx naming the field. Tests and the e2e fixtures drive it
// through admin/client.ts. The first five routes are the public interface
// (README); the rest add what suites need to set up a scenario.
import express, { Router, type Request } from "express";
import type { z } from "zod";
import { CatalogueError } from "../../../eherkenning/index.ts";
import type { Makelaar } from "../makelaar.ts";
import { AdminError, adminErrors } from "../error-responses.ts";
import { registerServiceProvider } from "../saml/sp-registration.ts";
import type * as BodiesModule from "./bodies.ts";
import { XML_BODY_TYPES, adminAccess, type AdminAccess } from "./access.ts";
import { writtenPerson, writtenTransition } from "./written.ts";

type Bodies = typeof BodiesModule;
let loadedBodies: Bodies | undefined;

/** The body schemas; loaded by the first middleware of the admin router. */
function bodies(): Bodies {
  if (!loadedBodies) throw new Error("admin body schemas used before they were loaded");
  return loadedBodies;
}

function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix: PropertyKey[] = [],
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AdminError(bodies().describeIssues(result.error.issues, { prefix, input: value }));
  }
  return result.data;
}

const notFound = (what: string) => new AdminError([what], 404);

function xmlBody(req: Request, what: string): string {
  if (typeof req.body !== "string" || req.body.trim() === "") {
    throw new AdminError([
      `body: expected ${what} as XML with Content-Type application/xml (got ${req.get("content-type") ?? "no Content-Type"}${typeof req.body === "string" ? ", empty" : ""})`,
    ]);
  }
  return req.body;
}

/** Both clocks: the business date the overstap is judged by, and protocol time. */
function clockState(makelaar: Makelaar) {
  return {
    now: makelaar.world.now().toISOString(),
    simulated: makelaar.world.clockIsSimulated,
    protocolNow: makelaar.protocolNow().toISOString(),
    protocolTimeShifted: makelaar.state.protocolTimeShifted,
  };
}

export function adminRoutes(makelaar: Makelaar, access: AdminAccess): Router {
  const admin = Router();
  const json = express.json({ limit: "2mb", strict: false });
  const xml = express.text({ type: XML_BODY_TYPES, limit: "40mb" });
  admin.use(adminAccess(access));
  admin.use(async (_req, _res, next) => {
    loadedBodies ??= await import("./bodies.ts");
    next();
  });
  admin.use(json, xml);

  publicRoutes(admin, makelaar);
  logRoutes(admin, makelaar);
  testingRoutes(admin, makelaar);
  personRoutes(admin, makelaar);
  organisationRoutes(admin, makelaar);
  machtigingRoutes(admin, makelaar);
  catalogueRoutes(admin, makelaar);
  serviceProviderRoutes(admin, makelaar);

  admin.use((req, _res, next) => {
    next(notFound(`no admin endpoint ${req.method} ${req.baseUrl}${req.path}`));
  });
  admin.use(adminErrors);

  const router = Router();
  router.use("/__admin", admin);
  return router;
}

/** The public interface (docs/simulation.md): reset, both clocks, auto-login, the request log. */
function publicRoutes(admin: Router, makelaar: Makelaar): void {
  const { world, state } = makelaar;

  admin.post("/reset", (_req, res) => {
    makelaar.reset();
    res.json({ reset: true, ...clockState(makelaar) });
  });

  admin.get("/clock", (_req, res) => {
    res.json(clockState(makelaar));
  });

  admin.put("/clock", (req, res) => {
    const { now, shiftProtocolTime } = parse(bodies().clockBody, req.body);
    world.setNow(now);
    if (shiftProtocolTime !== undefined) state.protocolTimeShifted = shiftProtocolTime;
    res.json(clockState(makelaar));
  });

  admin.delete("/clock", (_req, res) => {
    world.useRealTime();
    res.json(clockState(makelaar));
  });

  admin.get("/auto-login", (_req, res) => {
    res.json(state.autoLogin ? { user: state.autoLogin.personId, kvk: state.autoLogin.kvk } : null);
  });

  admin.put("/auto-login", (req, res) => {
    const { user, kvk } = parse(bodies().autoLoginBody, req.body);
    const person = world.person(user);
    if (!person) throw new AdminError([`user: no person with id "${user}"`]);
    if (!world.organisation(kvk))
      throw new AdminError([`kvk: no organisation with KvK number ${kvk}`]);
    if (!person.representations.some((r) => r.kvk === kvk)) {
      throw new AdminError([
        `kvk: ${person.id} does not represent the organisation with KvK number ${kvk}`,
      ]);
    }
    state.autoLogin = { personId: user, kvk };
    res.json({ user, kvk });
  });

  admin.delete("/auto-login", (_req, res) => {
    state.autoLogin = null;
    res.status(204).end();
  });

  admin.get("/requests", (_req, res) => {
    res.json(state.requests);
  });
}

/** The answer log, emptying both logs, and the raw messages. */
function logRoutes(admin: Router, makelaar: Makelaar): void {
  const { state } = makelaar;

  admin.get("/answers", (_req, res) => {
    res.json(state.answers);
  });

  admin.delete("/requests", (_req, res) => {
    state.clearRequests();
    res.status(204).end();
  });

  admin.delete("/answers", (_req, res) => {
    state.clearAnswers();
    res.status(204).end();
  });

  // The most recent SAML messages in and out, raw (at most RAW_MESSAGE_LIMIT).
  admin.get("/traffic", (_req, res) => {
    res.json(state.rawMessages);
  });
}

/** A whole world at once (a world file for a namespace), and fault injection (faults.ts). */
function testingRoutes(admin: Router, makelaar: Makelaar): void {
  const { world, state } = makelaar;

  // ---- A whole world at once: a world file's content (e2e kit, shared makelaar) -----

  admin.put("/world", async (req, res) => {
    const upload = parse(bodies().worldUploadBody, req.body);
    const { ConfigError, worldFromUpload } = await import("../config.ts");
    let configured;
    try {
      configured = await worldFromUpload(upload);
    } catch (error) {
      if (error instanceof ConfigError) {
        throw new AdminError(error.problems.map((problem) => `${upload.source}: ${problem}`));
      }
      throw error;
    }
    world.reconfigure(configured);
    state.reconfigure(configured.serviceProviders, configured.shiftProtocolTime ?? false);
    res.json({ world: upload.source, ...clockState(makelaar) });
  });

  // ---- Fault injection: break the next answer(s) on purpose (faults.ts) ----------

  admin.get("/faults", (_req, res) => {
    res.json(state.faults.list());
  });

  admin.post("/faults", (req, res) => {
    const fault = parse(bodies().faultBody, req.body);
    if (fault.sp !== undefined && !state.serviceProviders.some((sp) => sp.entityID === fault.sp)) {
      throw new AdminError([`sp: no service provider with entityID "${fault.sp}" is registered`]);
    }
    try {
      res.status(201).json(state.faults.add(fault));
    } catch (error) {
      throw new AdminError([(error as Error).message], 409);
    }
  });

  admin.delete("/faults", (_req, res) => {
    state.faults.clear();
    res.status(204).end();
  });
}

/** Persons and their middel (the second factor's code too). */
function personRoutes(admin: Router, makelaar: Makelaar): void {
  const { world, state } = makelaar;

  admin.get("/persons", (_req, res) => {
    res.json(world.persons.map(writtenPerson));
  });

  admin.get("/persons/:id", (req, res) => {
    const person = world.person(req.params["id"] ?? "");
    if (!person) throw notFound(`no person with id "${req.params["id"]}"`);
    res.json(writtenPerson(person));
  });

  admin.put("/persons/:id", (req, res) => {
    const id = req.params["id"] ?? "";
    const body: unknown = req.body;
    const withId =
      body && typeof body === "object" && !Array.isArray(body) ? { id, ...body } : body;
    const person = parse(bodies().personSchema(world.catalogue), withId);
    if (person.id !== id)
      throw new AdminError([`id: "${person.id}" differs from the path's "${id}"`]);
    const missing = person.representations.flatMap((r, i) =>
      world.organisation(r.kvk)
        ? []
        : [`organisations[${i}].kvk: no organisation with KvK number ${r.kvk}; add it first`],
    );
    if (missing.length) throw new AdminError(missing);
    const replaced = world.putPerson(person);
    res.status(replaced ? 200 : 201).json(writtenPerson(person));
  });

  admin.delete("/persons/:id", (req, res) => {
    const id = req.params["id"] ?? "";
    if (!world.removePerson(id)) throw notFound(`no person with id "${id}"`);
    if (state.autoLogin?.personId === id) state.autoLogin = null;
    res.status(204).end();
  });

  admin.get("/second-factor/:user", (req, res) => {
    const person = world.person(req.params["user"] ?? "");
    if (!person) throw notFound(`no person with id "${req.params["user"]}"`);
    const factor = person.middel.secondFactor;
    if (!factor) {
      throw new AdminError(
        [`${person.id} has a middel at ${person.middel.level}, which has no second factor`],
        409,
      );
    }
    res.json({ user: person.id, kind: factor.kind, code: factor.code });
  });
}

/** Organisations. */
function organisationRoutes(admin: Router, makelaar: Makelaar): void {
  const { world } = makelaar;

  admin.get("/organisations", (_req, res) => {
    res.json(world.organisations);
  });

  admin.put("/organisations/:kvk", (req, res) => {
    const kvk = parse(bodies().kvkSchema, req.params["kvk"], ["kvk"]);
    const body: unknown = req.body;
    const withKvk =
      body && typeof body === "object" && !Array.isArray(body) ? { kvk, ...body } : body;
    const organisation = parse(bodies().organisationSchema, withKvk);
    if (organisation.kvk !== kvk) {
      throw new AdminError([`kvk: ${organisation.kvk} differs from the path's ${kvk}`]);
    }
    const replaced = world.putOrganisation(organisation);
    res.status(replaced ? 200 : 201).json(organisation);
  });

  admin.delete("/organisations/:kvk", (req, res) => {
    if (!world.removeOrganisation(req.params["kvk"] ?? "")) {
      throw notFound(`no organisation with KvK number ${req.params["kvk"]}`);
    }
    res.status(204).end();
  });
}

/** Machtigingen: give and take, per person and organisation. */
function machtigingRoutes(admin: Router, makelaar: Makelaar): void {
  const { world } = makelaar;

  admin.post("/machtigingen", (req, res) => {
    const body: unknown = req.body;
    const { user, kvk } = parse(bodies().machtigingOwner, body);
    const { user: _u, kvk: _k, ...rest } = body as Record<string, unknown>;
    const machtiging = parse(bodies().machtigingSchema(world.catalogue), rest);
    if (!world.person(user)) throw new AdminError([`user: no person with id "${user}"`]);
    if (!world.organisation(kvk))
      throw new AdminError([`kvk: no organisation with KvK number ${kvk}`]);
    const person = world.changeMachtigingen(user, kvk, (list) => [...list, machtiging]);
    res.status(201).json(person ? writtenPerson(person) : null);
  });

  admin.delete("/machtigingen", (req, res) => {
    const taken = parse(bodies().takeMachtigingenBody, req.body);
    const person = world.person(taken.user);
    if (!person) throw new AdminError([`user: no person with id "${taken.user}"`]);
    if (!person.representations.some((r) => r.kvk === taken.kvk)) {
      throw new AdminError([`kvk: ${person.id} does not represent KvK number ${taken.kvk}`]);
    }
    const serviceUUID =
      taken.service === undefined
        ? undefined
        : bodies().resolveService(world.catalogue, taken.service);
    if (taken.service !== undefined && !serviceUUID) {
      throw new AdminError([`service: no service "${taken.service}" in the catalogue`]);
    }
    // Without a scope every machtiging for this organisation goes; with one, only that scope.
    const changed = world.changeMachtigingen(taken.user, taken.kvk, (list) =>
      list.filter((m) => {
        if (serviceUUID !== undefined) {
          return !(m.scope.kind === "service" && m.scope.serviceUUID === serviceUUID);
        }
        if (taken.provider !== undefined) {
          return !(m.scope.kind === "provider" && m.scope.providerOIN === taken.provider);
        }
        if (taken.all) return m.scope.kind !== "all";
        return false;
      }),
    );
    res.json(changed ? writtenPerson(changed) : null);
  });
}

/** Services (the dienstencatalogus) and transitions. */
function catalogueRoutes(admin: Router, makelaar: Makelaar): void {
  const { world } = makelaar;

  admin.get("/services", (_req, res) => {
    res.json(
      world.catalogue.services.map((s) => ({
        provider: s.provider,
        providerOIN: s.providerOIN,
        service: s.service,
        serviceUUID: s.serviceUUID,
        serviceIDs: s.serviceIDs,
        level: s.level,
      })),
    );
  });

  admin.put("/services", (req, res) => {
    const catalogueXml = xmlBody(req, "an ESC dienstencatalogus");
    try {
      world.setCatalogue(catalogueXml);
    } catch (error) {
      if (error instanceof CatalogueError) {
        throw new AdminError([`body: the catalogue was not replaced: ${error.message}`]);
      }
      throw error;
    }
    res.json({ services: world.catalogue.services.length });
  });

  admin.get("/transitions", (_req, res) => {
    res.json(world.transitions.map(writtenTransition));
  });

  admin.put("/transitions", (req, res) => {
    world.transitions = parse(bodies().transitionSchema(world.catalogue).array(), req.body);
    res.json(world.transitions.map(writtenTransition));
  });

  admin.post("/transitions", (req, res) => {
    const transition = parse(bodies().transitionSchema(world.catalogue), req.body);
    world.transitions = [...world.transitions, transition];
    res.status(201).json(writtenTransition(transition));
  });
}

/** Service providers (dienstverleners), by their SAML metadata. */
function serviceProviderRoutes(admin: Router, makelaar: Makelaar): void {
  const { state } = makelaar;

  admin.get("/service-providers", (_req, res) => {
    res.json(state.serviceProviders.map((sp) => ({ entityID: sp.entityID })));
  });

  admin.post("/service-providers", (req, res) => {
    const metadataXml = xmlBody(req, "the service provider's SAML metadata");
    // ?allowPlainIdentifiers=true: the test-only opt-in for an SP without an encryption certificate.
    const allowPlainIdentifiers = req.query["allowPlainIdentifiers"] === "true";
    const registered = registerServiceProvider(state, metadataXml, { allowPlainIdentifiers });
    res.status(201).json({ entityID: registered.entityID });
  });

  admin.delete("/service-providers/:entityID", (req, res) => {
    const entityID = req.params["entityID"] ?? "";
    const before = state.serviceProviders.length;
    state.serviceProviders = state.serviceProviders.filter((sp) => sp.entityID !== entityID);
    if (state.serviceProviders.length === before) {
      throw notFound(`no service provider with entityID "${entityID}"`);
    }
    res.status(204).end();
  });
}
