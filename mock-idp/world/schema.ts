// The written form of the world's identities, validated with zod: the config
// file's `users`, `organisations` and `transitions`, and the admin API's bodies
// use the same shapes, so one document describes both. Levels accept every
// notation parseLevel knows; services are named by ServiceUUID, ServiceID or
// catalogue name and resolved against the catalogue in force.
import { z } from "zod";
import {
  DUO_SECTORS,
  LEVEL_LABELS,
  needsSecondFactor,
  normalizeName,
  parseLevel,
  type CatalogueIndex,
  type DuoSector,
  type Level,
  type Machtiging,
  type Transition,
} from "../../eherkenning/index.ts";
import { LEVERANCIERS } from "./default.ts";
import type { DuoAccount, Organisation, Person } from "./model.ts";
import { MOMENT_EXPECTED, parseMoment } from "./moment.ts";

const LEVEL_EXPECTED = `expected a level (${LEVEL_LABELS.join(", ")}, or a notation such as "loa3", "niveau 2+", "substantieel")`;

const show = (value: unknown): string => {
  const text = typeof value === "string" ? `"${value}"` : JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

export const levelSchema = z
  .union([z.string(), z.number()], { error: LEVEL_EXPECTED })
  .transform((value, ctx): Level => {
    const level = parseLevel(typeof value === "number" ? `EH${value}` : value);
    if (!level) {
      ctx.addIssue({ code: "custom", message: `${LEVEL_EXPECTED}; got ${show(value)}` });
      return z.NEVER;
    }
    return level;
  });

/** A moment: an ISO date-time with offset, or a day meaning midnight Dutch time. */
export const dateSchema = z
  .union([z.string(), z.date()], { error: MOMENT_EXPECTED })
  .transform((value, ctx): Date => {
    if (value instanceof Date) return value;
    const date = parseMoment(value);
    if (!date) {
      ctx.addIssue({ code: "custom", message: `${MOMENT_EXPECTED}; got ${show(value)}` });
      return z.NEVER;
    }
    return date;
  });

/** Digits written as a string or a number (YAML reads 99000102 as a number). */
const digits = (count: number, what: string) =>
  z
    .union([z.string(), z.number()], { error: `expected ${what}: ${count} digits` })
    .transform((value, ctx): string => {
      const text =
        typeof value === "number" && Number.isInteger(value) && value >= 0
          ? String(value).padStart(count, "0")
          : String(value).trim();
      if (!new RegExp(`^\\d{${count}}$`).test(text)) {
        ctx.addIssue({
          code: "custom",
          message: `expected ${what}: ${count} digits; got ${show(value)}`,
        });
        return z.NEVER;
      }
      return text;
    });

export const kvkSchema = digits(8, "a KvK number");
const rsinSchema = digits(9, "an RSIN");
const oinSchema = digits(20, "an OIN");
const codeSchema = digits(6, "a second-factor code");

const text = (what: string) =>
  z
    .string({ error: `expected ${what} (text)` })
    .trim()
    .min(1, `expected ${what}; it is empty`);

export const personIdSchema = z
  .string({ error: "expected a person id (text)" })
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/,
    "expected a person id: letters, digits, '.', '_', '+' or '-', at most 64, such as \"jan-eh3\"",
  );

export const organisationSchema = z.strictObject({
  kvk: kvkSchema,
  rsin: rsinSchema,
  name: text("the organisation's name"),
});

/** Finds the ServiceUUID of a service named by ServiceUUID, ServiceID or catalogue name. */
export function resolveService(catalogue: CatalogueIndex, reference: string): string | undefined {
  const ref = reference.trim();
  const byUUID = catalogue.byServiceUUID(ref);
  if (byUUID) return byUUID.serviceUUID;
  const byID = catalogue.byServiceID(ref);
  if (byID) return byID.serviceUUID;
  const byName = catalogue.byName(ref);
  if (byName.length === 1) return byName[0]?.serviceUUID;
  // A UUID not (yet) in the catalogue is still a valid registration.
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref)) return ref;
  return undefined;
}

function serviceSchema(catalogue: CatalogueIndex) {
  return z
    .string({ error: "expected a service: its ServiceUUID, ServiceID or catalogue name" })
    .transform((reference, ctx): string => {
      const uuid = resolveService(catalogue, reference);
      if (uuid) return uuid;
      const several = catalogue.byName(reference).length > 1;
      const close = catalogue
        .search(normalizeName(reference))
        .slice(0, 3)
        .map((s) => `"${s.service}"`);
      ctx.addIssue({
        code: "custom",
        message: several
          ? `expected one service; several in the catalogue are named "${reference}": use the ServiceUUID`
          : `expected a service in the catalogue (ServiceUUID, ServiceID or name); no service "${reference}"${close.length ? ` (did you mean ${close.join(", ")}?)` : ""}`,
      });
      return z.NEVER;
    });
}

const validity = {
  validFrom: dateSchema.optional(),
  validUntil: dateSchema.optional(),
};

export function machtigingSchema(catalogue: CatalogueIndex) {
  return z
    .strictObject({
      service: serviceSchema(catalogue).optional(),
      provider: oinSchema.optional(),
      all: z.literal(true, { error: "expected all: true" }).optional(),
      level: levelSchema,
      ...validity,
    })
    .transform((m, ctx): Machtiging => {
      const scopes = [m.service, m.provider, m.all].filter((s) => s !== undefined).length;
      if (scopes !== 1) {
        ctx.addIssue({
          code: "custom",
          message: `expected exactly one scope: "service" (one service), "provider" (an OIN: all its services) or "all: true"; got ${scopes}`,
        });
        return z.NEVER;
      }
      const scope: Machtiging["scope"] =
        m.service !== undefined
          ? { kind: "service", serviceUUID: m.service }
          : m.provider !== undefined
            ? { kind: "provider", providerOIN: m.provider }
            : { kind: "all" };
      return {
        scope,
        level: m.level,
        ...(m.validFrom ? { validFrom: m.validFrom } : {}),
        ...(m.validUntil ? { validUntil: m.validUntil } : {}),
      };
    });
}

const duoSchema = z.strictObject({
  inlognaam: text("the Mijn DUO inlognaam"),
  wachtwoord: text("the Mijn DUO wachtwoord"),
  tokenCode: codeSchema,
  sector: z.enum(DUO_SECTORS as [DuoSector, ...DuoSector[]], {
    error: `expected a DUO sector: ${DUO_SECTORS.join(", ")}`,
  }),
  roles: z.array(text('a role such as "Beheerder BVE"')).default([]),
  brin: text("a BRIN code such as 25PX"),
  selections: z
    .array(
      z.strictObject({
        role: text('a role such as "Beheerder BVE"'),
        kind: z.string({ error: 'expected a selection kind such as "BRINn"' }).optional(),
        value: z.string({ error: 'expected a selection value such as "25PX"' }).optional(),
      }),
    )
    .optional(),
  email: text("an e-mail address").optional(),
  lastLogin: z
    .string({ error: "expected a day (YYYY-MM-DD)" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a day (YYYY-MM-DD)")
    .optional(),
  loginMeans: text('a login means such as "DUO Token" or "eHerkenning"').optional(),
});

// zod leaves absent optional keys as undefined; the model has them absent.
function duoAccount(d: z.output<typeof duoSchema>): DuoAccount {
  const { selections, email, lastLogin, loginMeans, ...required } = d;
  return {
    ...required,
    ...(selections
      ? {
          selections: selections.map((s) => ({
            role: s.role,
            ...(s.kind ? { kind: s.kind } : {}),
            ...(s.value ? { value: s.value } : {}),
          })),
        }
      : {}),
    ...(email ? { email } : {}),
    ...(lastLogin ? { lastLogin } : {}),
    ...(loginMeans ? { loginMeans } : {}),
  };
}

/** A stable six-digit code for a person who was given none, so tests can still read it. */
export function derivedCode(id: string): string {
  let hash = 7;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000;
  return String(hash).padStart(6, "0");
}

export function personSchema(catalogue: CatalogueIndex) {
  return z
    .strictObject({
      id: personIdSchema,
      name: text("the person's name"),
      pseudo: text("a pseudonym").optional(),
      middel: z.strictObject({
        level: levelSchema,
        leverancier: text("the middel's supplier").optional(),
        username: text("a username").optional(),
        password: text("a password"),
        secondFactor: z
          .union(
            [
              codeSchema,
              z.strictObject({
                kind: z
                  .enum(["sms", "app", "token"], { error: 'expected "sms", "app" or "token"' })
                  .default("sms"),
                code: codeSchema,
              }),
            ],
            { error: 'expected a six-digit code, or { kind: "sms" | "app" | "token", code }' },
          )
          .optional(),
      }),
      organisations: z
        .array(
          z.strictObject({
            kvk: kvkSchema,
            machtigingen: z.array(machtigingSchema(catalogue)).default([]),
          }),
        )
        .default([]),
      duo: duoSchema.optional(),
    })
    .transform((p, ctx): Person => {
      const level = p.middel.level;
      const given = p.middel.secondFactor;
      if (given !== undefined && !needsSecondFactor(level)) {
        ctx.addIssue({
          code: "custom",
          path: ["middel", "secondFactor"],
          message: `expected no second factor: a middel at ${level} logs in with a password only`,
        });
        return z.NEVER;
      }
      const secondFactor = needsSecondFactor(level)
        ? typeof given === "string"
          ? { kind: "sms" as const, code: given }
          : (given ?? { kind: "sms" as const, code: derivedCode(p.id) })
        : undefined;
      return {
        id: p.id,
        name: p.name,
        pseudo: p.pseudo ?? `pseudo-${p.id}`,
        middel: {
          level,
          leverancier: p.middel.leverancier ?? LEVERANCIERS.sleutelhuis,
          username: p.middel.username ?? p.id,
          password: p.middel.password,
          ...(secondFactor ? { secondFactor } : {}),
        },
        representations: p.organisations,
        ...(p.duo ? { duo: duoAccount(p.duo) } : {}),
      };
    });
}

export function transitionSchema(catalogue: CatalogueIndex) {
  return z
    .strictObject({
      service: serviceSchema(catalogue),
      acceptedLevel: levelSchema,
      from: dateSchema.optional(),
      until: dateSchema,
    })
    .transform((t, ctx): Transition => {
      if (t.from && t.from.getTime() >= t.until.getTime()) {
        ctx.addIssue({
          code: "custom",
          path: ["until"],
          message: "expected until to be after from",
        });
        return z.NEVER;
      }
      return {
        serviceUUID: t.service,
        acceptedLevel: t.acceptedLevel,
        ...(t.from ? { from: t.from } : {}),
        until: t.until,
      };
    });
}

/** Writes a zod path the way people read it: users[2].middel.level. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(top level)";
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * One line per problem: "<path>: <what was expected>". Given the input, a
 * missing field says "required" first.
 */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  options: { readonly prefix?: readonly PropertyKey[]; readonly input?: unknown } = {},
): string[] {
  const prefix = options.prefix ?? [];
  return issues.map((issue) => {
    const path = formatPath([...prefix, ...issue.path]);
    if (issue.code === "unrecognized_keys") {
      return `${path}: unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    }
    const message = issue.message
      .replace(/^Invalid input: /, "")
      .replace(/, received undefined$/, "");
    const absent =
      "input" in options
        ? valueAt(options.input, issue.path) === undefined
        : issue.message.endsWith("received undefined");
    const missing = (issue.code === "invalid_type" || issue.code === "invalid_union") && absent;
    return missing ? `${path}: required; ${message}` : `${path}: ${message}`;
  });
}

/** Organisations that persons represent but the world does not hold. */
export function missingOrganisations(
  persons: readonly Person[],
  organisations: readonly Organisation[],
): { personIndex: number; representationIndex: number; kvk: string }[] {
  const known = new Set(organisations.map((o) => o.kvk));
  return persons.flatMap((person, personIndex) =>
    person.representations.flatMap((r, representationIndex) =>
      known.has(r.kvk) ? [] : [{ personIndex, representationIndex, kvk: r.kvk }],
    ),
  );
}

/** What the config file's `users` entries and the admin API's person bodies accept. */
export type PersonInput = z.input<ReturnType<typeof personSchema>>;
export type MachtigingInput = z.input<ReturnType<typeof machtigingSchema>>;
export type TransitionInput = z.input<ReturnType<typeof transitionSchema>>;
export type OrganisationInput = z.input<typeof organisationSchema>;
