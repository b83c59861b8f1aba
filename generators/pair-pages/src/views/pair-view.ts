/**
 * The view model of a pair page, `/integrations/<a>/with/<b>/`: a trigger in A starts a
 * workflow that runs an action in B. Reads only app summaries, related apps and usage, the
 * inputs the incremental build hashes for this page.
 */
import type { ActionSide, TriggerSide } from '../app-summary.ts';
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
  /** The trigger app, as pair pages see it. */
  a: TriggerSide;
  /** The action app, as pair pages see it. */
  b: ActionSide;
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

/** What a pair page shows of its trigger app whatever the action app is; computed once per app. */
interface ASide {
  ref: AppRef;
  /** Trigger display names as they read in a sentence, and descriptions as safe HTML, by key. */
  triggerWords: Map<string, string>;
  triggerHtml: Map<string, string>;
  triggerCard: { count: number; seeAll: string; url: string; examples: Array<{ name: string; href: string }> };
}

/** What a pair page shows of its action app whatever the trigger app is. */
interface BSide {
  ref: AppRef;
  actionWords: Map<string, string>;
  actionCard: { count: number; seeAll: string; url: string };
}

const aSides = new WeakMap<TriggerSide, ASide>();
const bSides = new WeakMap<ActionSide, BSide>();

const refOf = (app: { name: string; displayName: string }): AppRef =>
  ({ name: app.name, displayName: app.displayName, initial: app.displayName.slice(0, 1).toUpperCase(), url: appPage(app.name).url });

function aSideOf(a: TriggerSide): ASide {
  let side = aSides.get(a);
  if (!side) {
    const ref = refOf(a);
    side = {
      ref,
      triggerWords: new Map(a.triggers.map((t) => [t.key, inSentence(t.displayName, [a.displayName])])),
      triggerHtml: new Map(a.triggers.map((t) => [t.key, textWithCode(t.description)])),
      triggerCard: { count: a.triggers.length, seeAll: `See all ${plural(a.triggers.length, 'trigger')}`, url: `${ref.url}#triggers`, examples: a.triggers.slice(0, 3).map((t) => ({ name: t.displayName, href: triggerPage(a.name, t.key).url })) },
    };
    aSides.set(a, side);
  }
  return side;
}

function bSideOf(b: ActionSide): BSide {
  let side = bSides.get(b);
  if (!side) {
    const ref = refOf(b);
    side = {
      ref,
      actionWords: new Map(b.actions.map((x) => [x.key, inSentence(x.displayName, [b.displayName])])),
      actionCard: { count: b.actions.length, seeAll: `See all ${plural(b.actions.length, 'action')}`, url: `${ref.url}#actions` },
    };
    bSides.set(b, side);
  }
  return side;
}

/** The counts line of one direction: "10 Stripe triggers wired to 4 Kustomer actions". */
export function wiredCounts(from: string, triggers: number, to: string, actions: number): string {
  return `${plural(triggers, `${from} trigger`)} wired to ${plural(actions, `${to} action`)}`;
}

function pairingItem(a: TriggerSide, b: ActionSide, p: Pairing) {
  return {
    title: `When ${aSideOf(a).triggerWords.get(p.trigger.key)} in ${a.displayName}, ${bSideOf(b).actionWords.get(p.action.key)} in ${b.displayName}`,
    descriptionHtml: aSideOf(a).triggerHtml.get(p.trigger.key),
    href: editorLink(a.name, p.trigger.key, b.name, p.action.key),
    triggerUrl: triggerPage(a.name, p.trigger.key).url,
    count: p.count === undefined ? undefined : plural(p.count, 'workflow'),
  };
}

/** Why the A → B direction has no combination, or undefined when it has some. */
function blocked(a: TriggerSide, b: ActionSide): string | undefined {
  if (!a.triggers.length && !b.actions.length) return `${a.displayName} has no triggers and ${b.displayName} has no actions in Wireup yet, so no workflow can run from ${a.displayName} to ${b.displayName}.`;
  if (!a.triggers.length) return `${a.displayName} has no triggers in Wireup yet, so nothing that happens in ${a.displayName} can start a workflow.`;
  if (!b.actions.length) return `${b.displayName} has no actions in Wireup yet, so a workflow cannot do anything in ${b.displayName}.`;
  return undefined;
}

/** Builds the pair page's view model. */
export function pairView({ site, a, b, related, usage }: PairInputs) {
  const sa = aSideOf(a);
  const sb = bSideOf(b);
  const url = pairPage(a.name, b.name).url;
  const mirrorUrl = pairPage(b.name, a.name).url;
  const total = a.triggers.length * b.actions.length;
  const pairings = topPairings(a, b, usage);
  const top = pairings[0];
  const reason = blocked(a, b);
  const mirrorPossible = b.triggerCount > 0 && a.actionCount > 0;
  const faq: FaqEntry[] = pairFaq(a, b);
  const title = reason ? `Connect ${a.displayName} to ${b.displayName}` : `Connect ${a.displayName} to ${b.displayName} in two minutes`;
  const description = reason
    ? `${reason} See ${b.displayName} → ${a.displayName} for the other direction.`
    : `${wiredCounts(a.displayName, a.triggers.length, b.displayName, b.actions.length)}: ${total} ready-made Wireup workflows, from "${top.trigger.displayName}" to "${top.action.displayName}". Open source, self-hostable, no code.`;
  const meta: PageMeta = pageMeta(site, {
    url, title: `${a.displayName} to ${b.displayName} integration | Wireup`, description,
    crumbs: [{ name: 'Integrations', url: catalogPage().url }, { name: a.displayName, url: sa.ref.url }, { name: `${a.displayName} → ${b.displayName}`, url }],
    graph: [faqPage(faq), softwareApplication(site, { name: `Wireup: ${a.displayName} to ${b.displayName}`, description, url })],
  });
  const steps: HowStep[] = top ? howItWorks(a, b, top) : [];
  return {
    meta, a: sa.ref, b: sb.ref, title, reason,
    lead: reason ? `${reason}${mirrorPossible ? ` The other way round works: ${wiredCounts(b.displayName, b.triggerCount, a.displayName, a.actionCount)}.` : ''}` : `Triggers from ${a.displayName}, actions in ${b.displayName}. Filter, branch and transform in between, without writing code.`,
    triggerCard: sa.triggerCard,
    actionCard: sb.actionCard,
    forward: { counts: wiredCounts(a.displayName, a.triggers.length, b.displayName, b.actions.length), mostUsed: top ? { trigger: top.trigger.displayName, action: top.action.displayName } : undefined },
    mirror: { counts: wiredCounts(b.displayName, b.triggerCount, a.displayName, a.actionCount), url: mirrorUrl, possible: mirrorPossible, label: `See ${b.displayName} → ${a.displayName}` },
    pairings: { showing: `Showing ${pairings.length} of ${plural(total, 'combination')}`, items: pairings.map((p) => pairingItem(a, b, p)) },
    steps,
    faq,
    related: related.filter((r) => r.name !== b.name).slice(0, RELATED_SHOWN).map((r) => ({ label: r.displayName, href: pairPage(a.name, r.name).url })),
    cta: top ? { title: `Wire ${a.displayName} to ${b.displayName} in two minutes.`, href: editorLink(a.name, top.trigger.key, b.name, top.action.key) } : undefined,
  };
}

/** The pair page's view model type. */
export type PairView = ReturnType<typeof pairView>;
