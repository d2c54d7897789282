// Mijn DUO login page: the panel beside "Met eHerkenning" with what a login
// there needs (EH3, the machtiging), the token's phase-out and the steps.
import { isDuoLoginUrl } from "../../shared/pages.ts";
import type { PageSummary } from "../../shared/messages.ts";
import { dismiss } from "../../shared/storage.ts";
import { ask } from "../../shared/runtime.ts";
import { coalesce, observeAdditions, pageContext } from "../context.ts";
import { detectLoginPage, placePanel } from "../detect-login.ts";
import { renderLoginPanel } from "../ui/login-panel.ts";
import { removeHosts, warmUp } from "../ui/mount.ts";
import { LOGIN_STYLES } from "../ui/styles.ts";

export const id = "mijn-duo-login";
export const kind = "login";

let found: PageSummary | undefined;

export function matches(url: URL): boolean {
  return isDuoLoginUrl(url);
}

export function prepare(): void {
  warmUp(LOGIN_STYLES);
}

export function summary(): PageSummary | undefined {
  return found;
}

export async function init(signal: AbortSignal): Promise<void> {
  const { settings, language, t, now } = await pageContext();
  if (signal.aborted) return;
  signal.addEventListener("abort", () => removeHosts(kind), { once: true });

  let mounted = false;
  const tryMount = (): boolean => {
    if (mounted) return true;
    const page = detectLoginPage(document);
    if (!page) return false;
    mounted = true;
    found = { kind, dismissed: settings.dismissed.includes(kind), services: [] };
    if (found.dismissed) return true;
    const { host } = renderLoginPanel({
      t,
      language,
      middelLevel: settings.middelLevel,
      now,
      onDismiss: () => {
        removeHosts(kind);
        found = { kind, dismissed: true, services: [] };
        void dismiss(kind);
      },
      onOpenOptions: () => void ask({ type: "openOptions" }),
      onOpenPlanner: () => void ask({ type: "openPlanner" }),
    });
    placePanel(page, host);
    return true;
  };
  // The login form may be rendered by a script after load.
  if (!tryMount())
    observeAdditions(
      signal,
      coalesce(() => void tryMount()),
    );
}
