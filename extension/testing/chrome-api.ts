// The few chrome.* calls tests make inside the extension (in
// background.evaluate), typed here because the project does not ship
// @types/chrome. These run in the browser, never in Node.
export interface ChromeForTests {
  storage: {
    local: {
      get(key: string | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      clear(): Promise<void>;
    };
  };
  runtime: {
    connect(info: { name: string }): {
      onMessage: { addListener(listener: (message: unknown) => void): void };
      disconnect(): void;
    };
  };
}

declare global {
  var chrome: ChromeForTests;
}
