// What each admin endpoint accepts, as zod schemas built from the world's
// written forms (world/schema.ts). Loaded on the first admin request, so a
// makelaar that is never administered does not pay for loading zod.
import { z } from "zod";
import { dateSchema, kvkSchema, personIdSchema } from "../../world/schema.ts";

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
