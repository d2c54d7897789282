// The few extension APIs the content scripts and the shared helpers use, from
// the browser itself: Firefox's `browser` and Chromium's `chrome` both return
// promises for these in Manifest V3. The content scripts skip
// webextension-polyfill this way: it would be a third of each script's 30 KB
// budget. The background, popup and options page keep the polyfill for the
// rest of the API. Replies to messages go through `sendResponse`, which both
// browsers support (Chromium ignores a promise returned by a listener).

export type Reply = (response: unknown) => void;

export interface NativeApi {
  readonly runtime: {
    readonly id: string;
    sendMessage(message: unknown): Promise<unknown>;
    readonly onMessage: {
      addListener(
        listener: (message: unknown, sender: unknown, sendResponse: Reply) => boolean | undefined,
      ): void;
    };
  };
  readonly storage: {
    readonly local: {
      get(keys: string | readonly string[]): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
  };
  readonly i18n: {
    getMessage(name: string, substitutions?: readonly string[]): string;
    getUILanguage(): string;
  };
}

/** The browser's extension API: `browser` in Firefox, `chrome` in Chromium. */
export function ext(): NativeApi {
  const scope = globalThis as unknown as { browser?: NativeApi; chrome?: NativeApi };
  const api = scope.browser ?? scope.chrome;
  if (!api?.runtime) throw new Error("eh-overstap: no extension API in this context");
  return api;
}
