// Reads a world from a YAML or JSON file (npm run mock-idp -- --config <file>),
// validated at the edge with zod. Every problem is one line naming the file,
// the path inside it and what was expected:
//   makelaar.yaml: users[2].middel.level: expected a level (EH1, ...); got "EH5"
// Keys left out keep the built-in default world's value.
import { readFile } from "node:fs/promises";
import { dirname, extname, relative, resolve } from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { CatalogueError, type CatalogueIndex } from "../../eherkenning/index.ts";
import { parseServiceProviderMetadata } from "./saml/sp-registration.ts";
import { defaultWorld } from "../world/default.ts";
import type { RegisteredServiceProvider, World } from "../world/model.ts";
import { catalogueIndexOf } from "../world/parsed-catalogues.ts";
import {
  dateSchema,
  describeIssues,
  formatPath,
  organisationSchema,
  personSchema,
  transitionSchema,
} from "../world/schema.ts";

/** A config file that cannot be used; `problems` holds one line per problem. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(problems.map((problem) => `${file}: ${problem}`).join("\n"));
  }
}

const CONFIG_KEYS = [
  "now",
  "shiftProtocolTime",
  "catalogue",
  "serviceProviders",
  "organisations",
  "users",
  "transitions",
] as const;

function configSchema(catalogue: CatalogueIndex) {
  return z.strictObject({
    now: dateSchema.optional(),
    shiftProtocolTime: z.boolean({ error: "expected true or false" }).optional(),
    catalogue: z.string({ error: "expected the path of an ESC XML file" }).optional(),
    serviceProviders: z
      .array(
        z
          .strictObject({
            metadataFile: z
              .string({ error: "expected the path of an SP metadata XML file" })
              .optional(),
            metadata: z.string({ error: "expected SP metadata XML" }).optional(),
            allowPlainIdentifiers: z
              .boolean({ error: "expected true or false (test only: plain identifiers)" })
              .optional(),
          })
          .refine((sp) => (sp.metadataFile === undefined) !== (sp.metadata === undefined), {
            message: 'expected exactly one of "metadataFile" (a path) or "metadata" (XML)',
          }),
        { error: "expected a list of service providers" },
      )
      .optional(),
    organisations: z
      .array(organisationSchema, { error: "expected a list of organisations" })
      .optional(),
    users: z.array(personSchema(catalogue), { error: "expected a list of users" }).optional(),
    transitions: z
      .array(transitionSchema(catalogue), { error: "expected a list of transitions" })
      .optional(),
  });
}

function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory, not a file";
  return error instanceof Error ? error.message : String(error);
}

/** Line and column of a character offset, for JSON.parse's "at position N". */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

function parseText(file: string, text: string): unknown {
  if (extname(file).toLowerCase() === ".json") {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const position = /position (\d+)/.exec(message)?.[1];
      const where = position === undefined ? "" : `${lineAndColumn(text, Number(position))}: `;
      throw new ConfigError(file, [`${where}not valid JSON: ${message}`]);
    }
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      file,
      document.errors.map((error) => {
        const at = error.linePos?.[0];
        const where = at ? `line ${at.line}, column ${at.col}: ` : "";
        const message = (error.message.split("\n")[0] ?? error.code).replace(
          / at line \d+, column \d+:?$/,
          "",
        );
        return `${where}not valid YAML: ${message}`;
      }),
    );
  }
  return document.toJS() as unknown;
}

/** A path as people can find it: relative to where they ran the command when inside it. */
function shownPath(file: string): string {
  const fromHere = relative(process.cwd(), file);
  return fromHere && !fromHere.startsWith("..") ? fromHere : file;
}

async function readText(
  file: string,
  path: readonly PropertyKey[],
  what: string,
): Promise<{ text: string; shown: string } | { problem: string }> {
  const shown = shownPath(file);
  try {
    return { text: await readFile(file, "utf8"), shown };
  } catch (error) {
    return {
      problem: `${formatPath(path)}: cannot read ${what} "${shown}": ${describeReadError(error)}`,
    };
  }
}

/** Reads, validates and resolves a world config file; throws ConfigError. */
export async function loadWorldConfig(file: string): Promise<World> {
  const extension = extname(file).toLowerCase();
  if (![".yaml", ".yml", ".json"].includes(extension)) {
    throw new ConfigError(file, [
      `expected a .yaml, .yml or .json file (got "${extension || "no extension"}")`,
    ]);
  }
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError(file, [`cannot read the config file: ${describeReadError(error)}`]);
  }
  const directory = dirname(resolve(file));
  return worldFromConfig(file, parseText(file, text), (relative, path, what) =>
    readText(resolve(directory, relative), path, what),
  );
}

/** A file the world names, by the path written in it. */
type ReadNamed = (
  relative: string,
  path: readonly PropertyKey[],
  what: string,
) => Promise<{ text: string; shown: string } | { problem: string }>;

/**
 * A world file sent over the admin API (PUT /__admin/world): its parsed
 * content and the files it names, checked exactly as --config checks a file.
 */
export function worldFromUpload(upload: {
  readonly source: string;
  readonly config: unknown;
  readonly files: Readonly<Record<string, string>>;
}): Promise<World> {
  return worldFromConfig(upload.source, upload.config, async (relative, path, what) => {
    const text = Object.hasOwn(upload.files, relative) ? upload.files[relative] : undefined;
    return typeof text === "string"
      ? { text, shown: relative }
      : { problem: `${formatPath(path)}: cannot read ${what} "${relative}": it was not sent` };
  });
}

async function worldFromConfig(
  file: string,
  content: unknown,
  readNamed: ReadNamed,
): Promise<World> {
  const raw = content ?? {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new ConfigError(file, [
      `(top level): expected a mapping with the keys ${CONFIG_KEYS.join(", ")}`,
    ]);
  }
  const defaults = defaultWorld();

  // The catalogue first: users and transitions name services in it.
  let catalogueXml = defaults.catalogueXml;
  const cataloguePath = (raw as { catalogue?: unknown }).catalogue;
  if (typeof cataloguePath === "string") {
    const read = await readNamed(cataloguePath, ["catalogue"], "the catalogue");
    if ("problem" in read) throw new ConfigError(file, [read.problem]);
    try {
      catalogueIndexOf(read.text);
    } catch (error) {
      if (error instanceof CatalogueError) {
        throw new ConfigError(file, [`catalogue: ${read.shown}: ${error.message}`]);
      }
      throw error;
    }
    catalogueXml = read.text;
  }
  const catalogue = catalogueIndexOf(catalogueXml);

  const parsed = configSchema(catalogue).safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(file, describeIssues(parsed.error.issues, { input: raw }));
  }
  const config = parsed.data;

  const organisations = config.organisations ?? defaults.organisations;
  const persons = config.users ?? defaults.persons;
  const problems: string[] = [];
  const seenKvk = new Set<string>();
  (config.organisations ?? []).forEach((o, i) => {
    if (seenKvk.has(o.kvk)) problems.push(`organisations[${i}].kvk: ${o.kvk} appears twice`);
    seenKvk.add(o.kvk);
  });
  const known = new Set(organisations.map((o) => o.kvk));
  const seenIds = new Set<string>();
  (config.users ?? []).forEach((person, i) => {
    if (seenIds.has(person.id)) problems.push(`users[${i}].id: "${person.id}" appears twice`);
    seenIds.add(person.id);
    person.representations.forEach((r, j) => {
      if (!known.has(r.kvk)) {
        problems.push(
          `users[${i}].organisations[${j}].kvk: expected the KvK number of an organisation; ${r.kvk} is not under organisations`,
        );
      }
    });
  });

  const serviceProviders: RegisteredServiceProvider[] = [];
  for (const [i, sp] of (config.serviceProviders ?? []).entries()) {
    const path = [
      "serviceProviders",
      i,
      sp.metadataFile !== undefined ? "metadataFile" : "metadata",
    ];
    let metadataXml = sp.metadata ?? "";
    let shown = "";
    if (sp.metadataFile !== undefined) {
      const read = await readNamed(sp.metadataFile, path, "the SP metadata");
      if ("problem" in read) {
        problems.push(read.problem);
        continue;
      }
      metadataXml = read.text;
      shown = `${read.shown}: `;
    }
    try {
      const allowPlainIdentifiers = sp.allowPlainIdentifiers === true;
      const { entityID } = parseServiceProviderMetadata(metadataXml, { allowPlainIdentifiers });
      serviceProviders.push({
        entityID,
        metadataXml,
        ...(allowPlainIdentifiers ? { allowPlainIdentifiers } : {}),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problems.push(`${formatPath(path)}: ${shown}${message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(file, problems);

  return {
    organisations,
    persons,
    serviceProviders,
    catalogueXml,
    transitions: config.transitions ?? defaults.transitions,
    ...(config.now ? { now: config.now } : {}),
    ...(config.shiftProtocolTime !== undefined
      ? { shiftProtocolTime: config.shiftProtocolTime }
      : {}),
  };
}
