import { describe, expect, it } from 'vitest';
import { validateValue } from '@wireup/sdk';
import connector from '../connector.ts';
import { triggers } from './index.ts';

const expected: Record<string, string> = {
  'new-customer': 'kustomer.customer.create',
  'customer-updated': 'kustomer.customer.update',
  'new-conversation': 'kustomer.conversation.create',
  'conversation-updated': 'kustomer.conversation.update',
  'new-message': 'kustomer.message.create',
};

const resourceType: Record<string, string> = {
  'new-customer': 'customer',
  'customer-updated': 'customer',
  'new-conversation': 'conversation',
  'conversation-updated': 'conversation',
  'new-message': 'message',
};

describe('Kustomer triggers', () => {
  it('are the five outbound-webhook triggers, each matching its Kustomer event, and the connector lists them', () => {
    expect(Object.fromEntries(triggers.map((t) => [t.key, t.event]))).toEqual(expected);
    for (const t of triggers) expect(t.strategy).toBe('webhook');
    expect(connector.manifest.triggers.map((t) => t.key)).toEqual(Object.keys(expected));
    expect(connector.webhook?.register).toBeTypeOf('function');
  });

  it.each(triggers.map((t) => [t.key, t] as const))(
    '%s: the sample is a Kustomer event with a JSON:API resource, valid against the output schema',
    (key, trigger) => {
      expect(validateValue(trigger.outputSchema, trigger.sample)).toEqual([]);
      const sample = trigger.sample as unknown as {
        id: string;
        type: string;
        org: string;
        data: { type: string; id: string; attributes: object };
      };
      expect(sample.type).toBe(trigger.event);
      expect(sample.id).toEqual(expect.any(String));
      expect(sample.data.type).toBe(resourceType[key]);
      expect(sample.data.id).toMatch(/^[0-9a-f]{24}$/);
      expect(sample.data.attributes).toEqual(expect.any(Object));
    },
  );

  it.each(triggers.map((t) => [t.key, t] as const))(
    '%s: the output schema refuses another event type, another resource type, or no data',
    (_key, trigger) => {
      const sample = trigger.sample as Record<string, any>;
      expect(validateValue(trigger.outputSchema, { ...sample, type: 'kustomer.team.create' })).not.toEqual([]);
      expect(validateValue(trigger.outputSchema, { ...sample, data: { ...sample.data, type: 'kobject' } })).not.toEqual(
        [],
      );
      const { data: _data, ...withoutData } = sample;
      expect(validateValue(trigger.outputSchema, withoutData)).not.toEqual([]);
    },
  );

  it('update samples say what changed; conversation and message samples point at their customer', () => {
    const by = (key: string) => triggers.find((t) => t.key === key)!.sample as Record<string, any>;
    expect(by('conversation-updated').changes.attributes.status).toEqual({
      op: 'replace',
      before: 'open',
      after: 'done',
    });
    expect(by('conversation-updated').data.attributes.status).toBe('done');
    expect(by('customer-updated').changes.attributes).toEqual(expect.any(Object));
    expect(by('new-conversation').data.relationships.customer.data.id).toBe(by('new-customer').data.id);
    expect(by('new-message').data.relationships.conversation.data.id).toBe(by('new-conversation').data.id);
  });

  it('describes when each trigger fires in a sentence', () => {
    for (const t of triggers) expect(t.description).toMatch(/^Fires when /);
  });
});
