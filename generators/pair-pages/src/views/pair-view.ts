/**
 * The view model of a pair page, `/integrations/<a>/with/<b>/`: a trigger in A starts a
 * workflow that runs an action in B. Reads only app summaries, related apps and usage, the
 * inputs the incremental build hashes for this page.
 */
import type { ActionSide, TriggerSide } from '../app-summary.ts';
import type { RelatedApp } from '../related-apps.ts';
import { RELATED_SHOWN } from '../related-apps.ts';
import { firstSentence, inSentence, plural, textWithCode } from '../text.ts';
import type { PairUsage } from '../usage-index.ts';
import { appUrl, catalogUrl, editorLink, pairUrl, triggerUrl } from '../urls.ts';
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

/** What pairings show of one trigger: its display name as it reads in a sentence, when it fires (safe HTML), its page. */
interface TriggerWords {
  words: string;
  whenHtml: string;
  url: string;
}

/** A link in the "Related" list. */
interface RelatedLink {
  label: string;
  href: string;
}

/**
 * What a pair page shows of its trigger app whatever the action app is; computed once per app
 * (about 300 pages each), like the lists it shares: view models are never changed once made.
 */
interface ASide {
  ref: AppRef;
  triggers: Map<string, TriggerWords>;
  triggerCard: { count: number; seeAll: string; url: string; examples: Array<{ name: string; href: string }> };
  /** "Related" lists by the related apps given and the app left out of them (the page's B, or none). */
  related: WeakMap<RelatedApp[], Map<string, RelatedLink[]>>;
}

/** What a pair page shows of its action app whatever the trigger app is. */
interface BSide {
  ref: AppRef;
  actionWords: Map<string, string>;
  /** Each action's first sentence, as safe HTML: what a pairing card says it does. */
  actionHtml: Map<string, string>;
  actionCard: { count: number; seeAll: string; url: string };
}

const aSides = new WeakMap<TriggerSide, ASide>();
const bSides = new WeakMap<ActionSide, BSide>();

const refOf = (app: { name: string; displayName: string }): AppRef => ({
  name: app.name,
  displayName: app.displayName,
  initial: app.displayName.slice(0, 1).toUpperCase(),
  url: appUrl(app.name),
});

/** When a pairing runs, as safe HTML: "Runs on each `charge.failed` event from Stripe." or the polling interval. */
function whenItRuns(a: TriggerSide, t: TriggerSide['triggers'][number]): string {
  if (t.strategy === 'webhook' && t.event)
    return `Runs on each ${textWithCode(`\`${t.event}\``)} event from ${textWithCode(a.displayName)}.`;
  const minutes = Math.max(1, Math.round((t.pollIntervalSeconds ?? 300) / 60));
  return `Runs on what ${textWithCode(`${a.displayName} → ${t.displayName}`)} finds, checked ${minutes === 1 ? 'every minute' : `every ${minutes} minutes`}.`;
}

function aSideOf(a: TriggerSide): ASide {
  let side = aSides.get(a);
  if (!side) {
    const ref = refOf(a);
    side = {
      ref,
      triggers: new Map(
        a.triggers.map((t) => [
          t.key,
          {
            words: inSentence(t.displayName, [a.displayName]),
            whenHtml: whenItRuns(a, t),
            url: triggerUrl(a.name, t.key),
          },
        ]),
      ),
      related: new WeakMap(),
      triggerCard: {
        count: a.triggers.length,
        seeAll: `See all ${plural(a.triggers.length, 'trigger')}`,
        url: `${ref.url}#triggers`,
        examples: a.triggers.slice(0, 3).map((t) => ({ name: t.displayName, href: triggerUrl(a.name, t.key) })),
      },
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
      actionHtml: new Map(b.actions.map((x) => [x.key, textWithCode(firstSentence(x.description))])),
      actionCard: {
        count: b.actions.length,
        seeAll: `See all ${plural(b.actions.length, 'action')}`,
        url: `${ref.url}#actions`,
      },
    };
    bSides.set(b, side);
  }
  return side;
}

/** The counts line of one direction: "10 Stripe triggers wired to 4 Kustomer actions". */
export function wiredCounts(from: string, triggers: number, to: string, actions: number): string {
  return `${plural(triggers, `${from} trigger`)} wired to ${plural(actions, `${to} action`)}`;
}

function pairingItem(a: TriggerSide, b: ActionSide, sa: ASide, sb: BSide, p: Pairing) {
  const t = sa.triggers.get(p.trigger.key)!;
  return {
    title: `When ${t.words} in ${a.displayName}, ${sb.actionWords.get(p.action.key)} in ${b.displayName}`,
    // What this card's workflow does (the recipe's words, else the action's first sentence),
    // then when it runs: specific to its trigger × action, so no two cards read the same.
    descriptionHtml: p.recipe ? textWithCode(p.recipe.description) : sb.actionHtml.get(p.action.key)!,
    whenHtml: t.whenHtml,
    recipe: p.recipe ? `Ready-made recipe: ${p.recipe.displayName}` : undefined,
    href: editorLink(a.name, p.trigger.key, b.name, p.action.key, p.recipe?.key),
    triggerUrl: t.url,
    count: p.count === undefined ? undefined : plural(p.count, 'workflow'),
  };
}

/** A's related apps but B, as links to A's pair pages with them (shared by A's pages that leave out the same app). */
function relatedLinks(a: TriggerSide, sa: ASide, related: RelatedApp[], b: ActionSide): RelatedLink[] {
  let byLeftOut = sa.related.get(related);
  if (!byLeftOut) sa.related.set(related, (byLeftOut = new Map()));
  const leftOut = related.some((r) => r.name === b.name) ? b.name : '';
  let links = byLeftOut.get(leftOut);
  if (!links) {
    links = related
      .filter((r) => r.name !== leftOut)
      .slice(0, RELATED_SHOWN)
      .map((r) => ({ label: r.displayName, href: pairUrl(a.name, r.name) }));
    byLeftOut.set(leftOut, links);
  }
  return links;
}

/** Why the A → B direction has no combination, or undefined when it has some. */
function blocked(a: TriggerSide, b: ActionSide): string | undefined {
  if (!a.triggers.length && !b.actions.length)
    return `${a.displayName} has no triggers and ${b.displayName} has no actions in Wireup yet, so no workflow can run from ${a.displayName} to ${b.displayName}.`;
  if (!a.triggers.length)
    return `${a.displayName} has no triggers in Wireup yet, so nothing that happens in ${a.displayName} can start a workflow.`;
  if (!b.actions.length)
    return `${b.displayName} has no actions in Wireup yet, so a workflow cannot do anything in ${b.displayName}.`;
  return undefined;
}

/** Builds the pair page's view model. */
export function pairView({ site, a, b, related, usage }: PairInputs) {
  const sa = aSideOf(a);
  const sb = bSideOf(b);
  const url = pairUrl(a.name, b.name);
  const mirrorUrl = pairUrl(b.name, a.name);
  const total = a.triggers.length * b.actions.length;
  const pairings = topPairings(a, b, usage);
  const top = pairings[0];
  const reason = blocked(a, b);
  const mirrorPossible = b.triggerCount > 0 && a.actionCount > 0;
  const faq: FaqEntry[] = pairFaq(a, b);
  const title = reason
    ? `Connect ${a.displayName} to ${b.displayName}`
    : `Connect ${a.displayName} to ${b.displayName} in two minutes`;
  const description = reason
    ? `${reason} See ${b.displayName} → ${a.displayName} for the other direction.`
    : `${wiredCounts(a.displayName, a.triggers.length, b.displayName, b.actions.length)}: ${total} ready-made Wireup workflows, from "${top.trigger.displayName}" to "${top.action.displayName}". Open source, self-hostable, no code.`;
  const meta: PageMeta = pageMeta(site, {
    url,
    title: `${a.displayName} to ${b.displayName} integration | Wireup`,
    description,
    crumbs: [
      { name: 'Integrations', url: catalogUrl() },
      { name: a.displayName, url: sa.ref.url },
      { name: `${a.displayName} → ${b.displayName}`, url },
    ],
    graph: [
      faqPage(faq),
      softwareApplication(site, { name: `Wireup: ${a.displayName} to ${b.displayName}`, description, url }),
    ],
  });
  const steps: HowStep[] = top ? howItWorks(a, b, top) : [];
  return {
    meta,
    a: sa.ref,
    b: sb.ref,
    title,
    reason,
    lead: reason
      ? `${reason}${mirrorPossible ? ` The other way round works: ${wiredCounts(b.displayName, b.triggerCount, a.displayName, a.actionCount)}.` : ''}`
      : `Triggers from ${a.displayName}, actions in ${b.displayName}. Filter, branch and transform in between, without writing code.`,
    triggerCard: sa.triggerCard,
    actionCard: sb.actionCard,
    forward: {
      counts: wiredCounts(a.displayName, a.triggers.length, b.displayName, b.actions.length),
      mostUsed: top ? { trigger: top.trigger.displayName, action: top.action.displayName } : undefined,
    },
    mirror: {
      counts: wiredCounts(b.displayName, b.triggerCount, a.displayName, a.actionCount),
      url: mirrorUrl,
      possible: mirrorPossible,
      label: `See ${b.displayName} → ${a.displayName}`,
    },
    pairings: {
      showing: `Showing ${pairings.length} of ${plural(total, 'combination')}`,
      items: pairings.map((p) => pairingItem(a, b, sa, sb, p)),
    },
    steps,
    faq,
    related: relatedLinks(a, sa, related, b),
    cta: top
      ? {
          title: `Wire ${a.displayName} to ${b.displayName} in two minutes.`,
          href: editorLink(a.name, top.trigger.key, b.name, top.action.key, top.recipe?.key),
        }
      : undefined,
  };
}

/** The pair page's view model type. */
export type PairView = ReturnType<typeof pairView>;
