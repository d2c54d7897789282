/** Wrong command-line usage; the message names the argument. Commands print it with their usage and exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
