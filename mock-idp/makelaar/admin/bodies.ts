// What each admin endpoint accepts, as zod schemas built from the world's
// written forms (world/schema.ts). Loaded on the first admin request, so a
// makelaar that is never administered does not pay for loading zod.
import { z } from "zod";
import { dateSchema, kvkSchema, personIdSchema } from "../../world/schema.ts";
import {
  FAULT_KINDS,
  MAX_DELAY_MS,
  SECOND_STATUS_CODES,
  TOP_STATUS_CODES,
  type FaultKind,
} from "../faults.ts";

export {
  describeIssues,
  kvkSchema,
  machtigingSchema,
  organisationSchema,
  personSchema,
  resolveService,
  transitionSchema,
} from "../../world/schema.ts";

export const clockBody = z.strictObject({
  now: dateSchema,
  shiftProtocolTime: z.boolean({ error: "expected true or false" }).optional(),
});

export const autoLoginBody = z.strictObject({ user: personIdSchema, kvk: kvkSchema });

/** Whose machtiging: the rest of the body is the machtiging itself. */
export const machtigingOwner = z.object({ user: personIdSchema, kvk: kvkSchema });

export const takeMachtigingenBody = z.strictObject({
  user: personIdSchema,
  kvk: kvkSchema,
  service: z.string().optional(),
  provider: z.string().optional(),
  all: z.literal(true).optional(),
});

const common = {
  count: z
    .number({ error: "expected how many answers to break: a whole number from 1" })
    .int("expected a whole number from 1")
    .min(1, "expected a whole number from 1")
    .max(1000, "expected at most 1000")
    .optional(),
  sp: z.string({ error: "expected the SP's entityID" }).min(1).optional(),
};
const url = (what: string) =>
  z
    .string({ error: `expected ${what}` })
    .min(1)
    .optional();
const plain = (
  kind: Exclude<
    FaultKind,
    "status" | "slow" | "wrong-audience" | "wrong-destination" | "wrong-recipient"
  >,
) => z.strictObject({ kind: z.literal(kind), ...common });

/** POST /__admin/faults: one fault, for the next answer or the next `count`. */
export const faultBody = z.discriminatedUnion(
  "kind",
  [
    plain("expired"),
    plain("not-yet-valid"),
    z.strictObject({ kind: z.literal("wrong-audience"), audience: url("an entityID"), ...common }),
    z.strictObject({ kind: z.literal("wrong-destination"), destination: url("a URL"), ...common }),
    z.strictObject({ kind: z.literal("wrong-recipient"), recipient: url("a URL"), ...common }),
    plain("wrong-in-response-to"),
    plain("unsigned-assertion"),
    plain("broken-signature"),
    plain("replayed-assertion"),
    plain("artifact-already-resolved"),
    plain("ars-down"),
    z.strictObject({
      kind: z.literal("status"),
      status: z.enum(TOP_STATUS_CODES, {
        error: `expected a top-level status code: ${TOP_STATUS_CODES.join(", ")}`,
      }),
      subStatus: z
        .enum(SECOND_STATUS_CODES, {
          error: `expected a second-level status code: ${SECOND_STATUS_CODES.join(", ")}`,
        })
        .optional(),
      message: z.string({ error: "expected the StatusMessage (text)" }).min(1).max(1000),
      ...common,
    }),
    z.strictObject({
      kind: z.literal("slow"),
      delayMs: z
        .number({ error: "expected the delay in milliseconds" })
        .int()
        .min(1)
        .max(MAX_DELAY_MS, `expected at most ${MAX_DELAY_MS} ms`),
      ...common,
    }),
  ],
  { error: `expected "kind": one of ${Object.keys(FAULT_KINDS).join(", ")}` },
);

/** PUT /__admin/world: a world file's parsed content and the files it names. */
export const worldUploadBody = z.strictObject({
  source: z.string({ error: "expected the world file's name" }).min(1).max(500),
  config: z.unknown(),
  files: z.record(z.string(), z.string({ error: "expected each file's text" }), {
    error: "expected the files the world names, by path",
  }),
});
