/**
 * The view model of a pair page, `/integrations/<a>/with/<b>/`: a trigger in A starts a
 * workflow that runs an action in B. Reads only app summaries, related apps and usage, the
 * inputs the incremental build hashes for this page.
 */
import type { AppSummary } from '../app-summary.ts';
import type { RelatedApp } from '../related-apps.ts';
import { RELATED_SHOWN } from '../related-apps.ts';
import { inSentence, plural, textWithCode } from '../text.ts';
import type { PairUsage } from '../usage-index.ts';
import { appPage, catalogPage, editorLink, pairPage, triggerPage } from '../urls.ts';
import { faqPage, pageMeta, softwareApplication, type PageMeta, type SiteContext } from './page-meta.ts';
import { pairFaq, type FaqEntry } from './pair-faq.ts';
import { howItWorks, type HowStep } from './pair-steps.ts';
import { topPairings, type Pairing } from './pairings.ts';

/** Everything a pair page's view may read. */
export interface PairInputs {
  site: SiteContext;
  a: AppSummary;
  b: AppSummary;
  /** Related apps of A (B among them is dropped). */
  related: RelatedApp[];
  /** Usage of A's triggers with B's actions, most used first. */
  usage: PairUsage[];
}

interface AppRef {
  name: string;
  displayName: string;
  initial: string;
  url: string;
}

/** What a pair page shows of one app whatever the other app is; computed once per app. */
interface Side {
  ref: AppRef;
  /** Trigger (or action) display names as they read in a sentence, by key. */
  triggerWords: Map<string, string>;
  actionWords: Map<string, string>;
  /** Trigger descriptions as safe HTML, by key. */
  triggerHtml: Map<string, string>;
  triggerCard: { count: number; seeAll: string; url: string; examples: Array<{ name: string; href: string }> };
  actionCard: { count: number; seeAll: string; url: string };
}

const sides = new WeakMap<AppSummary, Side>();

function sideOf(app: AppSummary): Side {
  let side = sides.get(app);
  if (!side) {
    const url = appPage(app.name).url;
    side = {
      ref: { name: app.name, displayName: app.displayName, initial: app.displayName.slice(0, 1).toUpperCase(), url },
      triggerWords: new Map(app.triggers.map((t) => [t.key, inSentence(t.displayName, [app.displayName])])),
      actionWords: new Map(app.actions.map((x) => [x.key, inSentence(x.displayName, [app.displayName])])),
      triggerHtml: new Map(app.triggers.map((t) => [t.key, textWithCode(t.description)])),
      triggerCard: { count: app.triggers.length, seeAll: `See all ${plural(app.triggers.length, 'trigger')}`, url: `${url}#triggers`, examples: app.triggers.slice(0, 3).map((t) => ({ name: t.displayName, href: triggerPage(app.name, t.key).url })) },
      actionCard: { count: app.actions.length, seeAll: `See all ${plural(app.actions.length, 'action')}`, url: `${url}#actions` },
    };
    sides.set(app, side);
  }
  return side;
}

/** The counts line of one direction: "10 Stripe triggers wired to 4 Kustomer actions". */
export function wiredCounts(from: AppSummary, to: AppSummary): string {
  return `${plural(from.triggers.length, `${from.displayName} trigger`)} wired to ${plural(to.actions.length, `${to.displayName} action`)}`;
}

function pairingItem(a: AppSummary, b: AppSummary, p: Pairing) {
  return {
    title: `When ${sideOf(a).triggerWords.get(p.trigger.key)} in ${a.displayName}, ${sideOf(b).actionWords.get(p.action.key)} in ${b.displayName}`,
    descriptionHtml: sideOf(a).triggerHtml.get(p.trigger.key),
    href: editorLink(a.name, p.trigger.key, b.name, p.action.key),
    triggerUrl: triggerPage(a.name, p.trigger.key).url,
    count: p.count === undefined ? undefined : plural(p.count, 'workflow'),
  };
}

/** Why the A → B direction has no combination, or undefined when it has some. */
function blocked(a: AppSummary, b: AppSummary): string | undefined {
  if (!a.triggers.length && !b.actions.length) return `${a.displayName} has no triggers and ${b.displayName} has no actions in Wireup yet, so no workflow can run from ${a.displayName} to ${b.displayName}.`;
  if (!a.triggers.length) return `${a.displayName} has no triggers in Wireup yet, so nothing that happens in ${a.displayName} can start a workflow.`;
  if (!b.actions.length) return `${b.displayName} has no actions in Wireup yet, so a workflow cannot do anything in ${b.displayName}.`;
  return undefined;
}

/** Builds the pair page's view model. */
export function pairView({ site, a, b, related, usage }: PairInputs) {
  const sa = sideOf(a);
  const sb = sideOf(b);
  const url = pairPage(a.name, b.name).url;
  const mirrorUrl = pairPage(b.name, a.name).url;
  const total = a.triggers.length * b.actions.length;
  const pairings = topPairings(a, b, usage);
  const top = pairings[0];
  const reason = blocked(a, b);
  const mirrorPossible = b.triggers.length > 0 && a.actions.length > 0;
  const faq: FaqEntry[] = pairFaq(a, b);
  const title = reason ? `Connect ${a.displayName} to ${b.displayName}` : `Connect ${a.displayName} to ${b.displayName} in two minutes`;
  const description = reason
    ? `${reason} See ${b.displayName} → ${a.displayName} for the other direction.`
    : `${wiredCounts(a, b)}: ${total} ready-made Wireup workflows, from "${top.trigger.displayName}" to "${top.action.displayName}". Open source, self-hostable, no code.`;
  const meta: PageMeta = pageMeta(site, {
    url, title: `${a.displayName} to ${b.displayName} integration | Wireup`, description,
    crumbs: [{ name: 'Integrations', url: catalogPage().url }, { name: a.displayName, url: sa.ref.url }, { name: `${a.displayName} → ${b.displayName}`, url }],
    graph: [faqPage(faq), softwareApplication(site, { name: `Wireup: ${a.displayName} to ${b.displayName}`, description, url })],
  });
  const steps: HowStep[] = top ? howItWorks(a, b, top) : [];
  return {
    meta, a: sa.ref, b: sb.ref, title, reason,
    lead: reason ? `${reason}${mirrorPossible ? ` The other way round works: ${wiredCounts(b, a)}.` : ''}` : `Triggers from ${a.displayName}, actions in ${b.displayName}. Filter, branch and transform in between, without writing code.`,
    triggerCard: sa.triggerCard,
    actionCard: sb.actionCard,
    forward: { counts: wiredCounts(a, b), mostUsed: top ? { trigger: top.trigger.displayName, action: top.action.displayName } : undefined },
    mirror: { counts: wiredCounts(b, a), url: mirrorUrl, possible: mirrorPossible, label: `See ${b.displayName} → ${a.displayName}` },
    pairings: { showing: `Showing ${pairings.length} of ${plural(total, 'combination')}`, items: pairings.map((p) => pairingItem(a, b, p)) },
    steps,
    faq,
    related: related.filter((r) => r.name !== b.name).slice(0, RELATED_SHOWN).map((r) => ({ label: r.displayName, href: pairPage(a.name, r.name).url })),
    cta: top ? { title: `Wire ${a.displayName} to ${b.displayName} in two minutes.`, href: editorLink(a.name, top.trigger.key, b.name, top.action.key) } : undefined,
  };
}

/** The pair page's view model type. */
export type PairView = ReturnType<typeof pairView>;
