// Typed messaging to the background.
import browser from "webextension-polyfill";
import type { Request, ResponseTo } from "./messages.ts";

export function ask<R extends Request>(request: R): Promise<ResponseTo<R>> {
  return browser.runtime.sendMessage(request) as Promise<ResponseTo<R>>;
}
