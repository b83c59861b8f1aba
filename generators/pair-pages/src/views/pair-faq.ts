/** The questions a pair page answers; plain text, reused verbatim in the FAQPage JSON-LD. */
import type { ActionSide, TriggerSide } from '../app-summary.ts';
import { listing, plural } from '../text.ts';
import { pairUrl } from '../urls.ts';

/** One question and its plain-text answer. */
export interface FaqEntry {
  question: string;
  answer: string;
}

/** What the answers read of A whatever B is, counted once per app (it has ~300 pair pages). */
interface TriggerFacts {
  webhooks: number;
  polling: number;
  /** The first three trigger names, quoted and listed: `"A", "B" and "C"`. */
  examples: string;
}

const factsOf = new WeakMap<TriggerSide, TriggerFacts>();

function triggerFacts(a: TriggerSide): TriggerFacts {
  let facts = factsOf.get(a);
  if (!facts) {
    const webhooks = a.triggers.filter((t) => t.strategy === 'webhook').length;
    facts = {
      webhooks,
      polling: a.triggers.length - webhooks,
      examples: listing(a.triggers.slice(0, 3).map((t) => `"${t.displayName}"`)),
    };
    factsOf.set(a, facts);
  }
  return facts;
}

function realTime(a: TriggerSide, b: ActionSide): string {
  const { webhooks, polling } = triggerFacts(a);
  if (!a.triggers.length)
    return `Not in this direction: ${a.displayName} has no triggers in Wireup yet, so nothing in ${a.displayName} can start a workflow.${b.triggerCount ? ` ${b.displayName} → ${a.displayName} can: ${b.displayName} has ${plural(b.triggerCount, 'trigger')}.` : ''}`;
  if (!polling)
    return `Yes. Every ${a.displayName} trigger is a webhook, so ${a.displayName} tells Wireup the moment something happens and the ${b.displayName} action runs within seconds.`;
  if (!webhooks)
    return `Nearly. ${a.displayName}'s triggers poll ${a.displayName} on a schedule (every few minutes), so runs start shortly after the change rather than instantly.`;
  return `${plural(webhooks, `${a.displayName} trigger is a webhook`, `${a.displayName} triggers are webhooks`)} and fire within seconds; ${plural(polling, 'polls', 'poll')} ${a.displayName} on a schedule.`;
}

/** The FAQ of the A → B page. */
export function pairFaq(a: TriggerSide, b: ActionSide): FaqEntry[] {
  return [
    {
      question: `How long does it take to connect ${a.displayName} to ${b.displayName} with Wireup?`,
      answer:
        a.triggers.length && b.actions.length
          ? `About two minutes: connect ${a.displayName} and ${b.displayName} once each, pick a ${a.displayName} trigger and a ${b.displayName} action, map a couple of fields and publish. No code needed.`
          : `This direction is not possible yet: ${!a.triggers.length ? `${a.displayName} has no triggers` : `${b.displayName} has no actions`} in Wireup. See the ${b.displayName} → ${a.displayName} page for the other way round.`,
    },
    { question: `Is the ${a.displayName} → ${b.displayName} integration real-time?`, answer: realTime(a, b) },
    {
      question: `Can I filter or transform data between ${a.displayName} and ${b.displayName}?`,
      answer: `Yes. A filter step passes only matching events, a switch step branches by value, and a code or AI step reshapes the data before it reaches ${b.displayName}.`,
    },
    {
      question: `Which ${a.displayName} events can start a ${b.displayName} workflow?`,
      answer: a.triggers.length
        ? `Any of the ${plural(a.triggers.length, `${a.displayName} trigger`)}, including ${triggerFacts(a).examples}.`
        : `None yet: ${a.displayName} has no triggers in Wireup.`,
    },
    {
      question: 'Does Wireup cost anything?',
      answer:
        'Wireup is open source and self-hostable: run it on your own machine or server, with an embedded database and no account to create.',
    },
    {
      question: `What if I want ${b.displayName} → ${a.displayName} instead?`,
      answer: `It has its own page, ${pairUrl(b.name, a.name)}, with ${plural(b.triggerCount, `${b.displayName} trigger`)} and ${plural(a.actionCount, `${a.displayName} action`)}.`,
    },
  ];
}
