// Typed messaging to the background.
import type { Request, ResponseTo } from "./messages.ts";
import { ext } from "./native.ts";

export function ask<R extends Request>(request: R): Promise<ResponseTo<R>> {
  return ext().runtime.sendMessage(request) as Promise<ResponseTo<R>>;
}
