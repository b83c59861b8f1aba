/**
 * Poison messages: a bus message that keeps failing is dead-lettered after WIREUP_MAX_DELIVERIES
 * deliveries, listed by the API with its last error, replayable, and it does not hold up the
 * messages behind it. The poison is a malformed message put on the real bus of the real server
 * (as a producer of another version could write it), on the embedded backend and on Kafka + MongoDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, stripeEvent, failedCharge, postSigned, eventually, type Harness } from '../testing/harness.ts';
import { waitForRun } from '../testing/wait-for-run.ts';
import { setUpScenario, type Scenario } from '../testing/scenario.ts';
import { kafkaMongoOverrides } from '../testing/backends.ts';
import type { Config } from '../config.ts';

function describeDeadLetters(backend: string, overrides: () => Partial<Config>, poison: unknown): void {
  describe(`dead letters (${backend})`, () => {
    let h: Harness;
    let s: Scenario;
    beforeAll(async () => {
      h = await startHarness({ ...overrides(), maxDeliveries: 3, runLanes: 1 });
      s = await setUpScenario(h);
    });
    afterAll(async () => h?.close());

    const letters = async () => (await h.api('GET', '/v1/dead-letters')).body.data as any[];

    it('a message that keeps failing is dead-lettered after 3 deliveries with its last error, and the runs behind it on its key go on', async () => {
      // Same bus key as the workflow's runs (one lane): a stuck key would hold them all.
      await h.wireup.bus.publish('runs', s.workflowId, poison);
      const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_behind_poison' }));
      expect((await postSigned(s.webhookUrl, JSON.stringify(event))).status).toBe(200);
      const run = await waitForRun(h, s.workflowId, { eventId: event.id, status: 'succeeded', timeoutMs: 30_000 });
      expect(run.status).toBe('succeeded');
      const [letter] = await eventually(
        async () => ((await letters()).length ? letters() : undefined),
        10_000,
        'the dead letter',
      );
      expect(letter).toMatchObject({ topic: 'runs', key: s.workflowId, value: poison, group: 'wireup', deliveries: 3 });
      expect(letter.error.message.length).toBeGreaterThan(0);
      expect((await h.api('GET', `/v1/dead-letters/${letter.id}`)).body).toEqual(letter);
    });

    it('replay puts the message back on its topic and removes the letter; unknown ids are 404', async () => {
      const [before] = await letters();
      const replay = await h.api('POST', `/v1/dead-letters/${before.id}/replay`);
      expect(replay.status).toBe(202);
      expect(replay.body.replayed.id).toBe(before.id);
      expect((await h.api('GET', `/v1/dead-letters/${before.id}`)).status).toBe(404);
      // Still poison: delivered again three times, then a new letter.
      const [again] = await eventually(
        async () => {
          const list = await letters();
          return list.length === 1 && list[0].id !== before.id ? list : undefined;
        },
        30_000,
        'the replayed message dead-lettered again',
      );
      expect(again).toMatchObject({ topic: 'runs', key: before.key, value: poison, deliveries: 3 });
      const missing = await h.api('POST', '/v1/dead-letters/dl_nope/replay');
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('DEAD_LETTER_NOT_FOUND');
      expect((await h.api('GET', '/v1/dead-letters?limit=0')).status).toBe(400);
    });
  });
}

// A run id that is not a string: SQLite refuses the lookup on every delivery.
describeDeadLetters('embedded', () => ({}), { runId: { not: 'an id' } });
// No message object at all: the executor cannot read its run id.
describeDeadLetters('kafka + mongodb', () => kafkaMongoOverrides('deadletters'), null);
