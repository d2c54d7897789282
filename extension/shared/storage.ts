// Settings in storage.local, shared by every part of the extension.
import { ext } from "./native.ts";
import type { PageKind } from "./pages.ts";
import { readSettings, SETTINGS_KEY, type Settings } from "./settings.ts";

export async function loadSettings(): Promise<Settings> {
  const stored = await ext().storage.local.get(SETTINGS_KEY);
  return readSettings(stored[SETTINGS_KEY]);
}

export async function saveSettings(change: Partial<Settings>): Promise<Settings> {
  const next = { ...(await loadSettings()), ...change };
  await ext().storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

export async function dismiss(kind: PageKind): Promise<void> {
  const { dismissed } = await loadSettings();
  if (!dismissed.includes(kind)) await saveSettings({ dismissed: [...dismissed, kind] });
}
