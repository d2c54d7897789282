// An axe-core scan of our injected UI only: axe runs over the whole page
// (it enters open shadow roots) and we keep the findings inside our hosts.
import axe from "axe-core";
import type { Page } from "@playwright/test";

export interface Finding {
  readonly id: string;
  readonly impact: string | null | undefined;
  readonly targets: readonly string[];
}

export async function seriousFindingsInOurUi(page: Page): Promise<Finding[]> {
  // evaluate() is not subject to the page's Content-Security-Policy, unlike a script tag.
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
  return violations
    .map((v) => ({ ...v, targets: v.targets.filter((t) => t.includes("eh-overstap")) }))
    .filter((v) => v.targets.length > 0 && (v.impact === "serious" || v.impact === "critical"));
}
