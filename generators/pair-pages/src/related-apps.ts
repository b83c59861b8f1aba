/** Picks the apps shown as "related" on an app's pages: those sharing the most categories first. */
import type { AppSummary } from './app-summary.ts';

/** An app linked from another app's pages. */
export interface RelatedApp {
  name: string;
  displayName: string;
}

/** How many related apps a page shows. */
export const RELATED_SHOWN = 8;

/**
 * For every app, up to RELATED_SHOWN + 1 other apps (one spare, so a pair page can drop its
 * own second app and still show RELATED_SHOWN): most shared categories first, then catalog order.
 */
export function relatedApps(apps: AppSummary[]): Map<string, RelatedApp[]> {
  const out = new Map<string, RelatedApp[]>();
  for (const app of apps) {
    const mine = new Set(app.categories);
    const scored: Array<{ other: AppSummary; score: number; order: number }> = [];
    apps.forEach((other, order) => {
      if (other.name === app.name) return;
      let score = 0;
      for (const c of other.categories) if (mine.has(c)) score++;
      scored.push({ other, score, order });
    });
    scored.sort((x, y) => y.score - x.score || x.order - y.order);
    out.set(
      app.name,
      scored.slice(0, RELATED_SHOWN + 1).map(({ other }) => ({ name: other.name, displayName: other.displayName })),
    );
  }
  return out;
}
