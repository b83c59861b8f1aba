/** Store contract, part: runs, steps, status, replay and keyset paging. */
import { describe, expect, it } from 'vitest';
import { checkpointRun, type RunRecord, type Store } from '@wireup/store';
import { at, run, step } from './store-fixtures.ts';

export function describeRunContract(getStore: () => Store): void {
  describe('runs', () => {
    it('creates a run once: the same id again returns the existing run', async () => {
      const { runs } = getStore();
      const first = run('run-1');
      expect(await runs.createIfAbsent(first)).toEqual({ created: true, run: first });
      expect(await runs.createIfAbsent(run('run-1', { status: 'running', version: 7 }))).toEqual({
        created: false,
        run: first,
      });
      expect(await runs.get('run-1')).toEqual(first);
      expect(await runs.get('missing')).toBeNull();
    });

    it('creates a run exactly once when routed concurrently', async () => {
      const { runs } = getStore();
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => runs.createIfAbsent(run('run-race', { version: i + 1 }))),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const stored = await runs.get('run-race');
      for (const r of results) expect(r.run).toEqual(stored);
    });

    it('saves steps in first-save order, replacing a step saved again', async () => {
      const { runs } = getStore();
      await runs.createIfAbsent(run('run-1'));
      await runs.saveStep('run-1', step('a', { status: 'running', output: undefined, finishedAt: undefined }));
      await runs.saveStep('run-1', step('b'));
      await runs.saveStep('run-1', step('a', { status: 'succeeded', output: { id: 'conv_1' }, attempts: 2 }));
      await runs.saveStep(
        'run-1',
        step('c', { status: 'failed', error: { code: 'RATE_LIMITED', message: 'slow down', retriable: true } }),
      );
      const saved = await runs.get('run-1');
      expect(saved?.steps.map((s) => [s.id, s.status])).toEqual([
        ['a', 'succeeded'],
        ['b', 'succeeded'],
        ['c', 'failed'],
      ]);
      expect(saved?.steps[0]).toEqual(step('a', { status: 'succeeded', output: { id: 'conv_1' }, attempts: 2 }));
      expect(saved?.steps[2].error).toEqual({ code: 'RATE_LIMITED', message: 'slow down', retriable: true });
    });

    it('keeps every step when steps of one run are saved concurrently', async () => {
      const { runs } = getStore();
      await runs.createIfAbsent(run('run-1'));
      const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
      await Promise.all(ids.map((id) => runs.saveStep('run-1', step(id))));
      expect((await runs.get('run-1'))?.steps.map((s) => s.id).sort()).toEqual(ids);
    });

    it('writes a checkpoint: its steps in order, then its status, error and finish time', async () => {
      const { runs } = getStore();
      await runs.createIfAbsent(run('run-1'));
      await checkpointRun(runs, 'run-1', {
        steps: [step('a', { status: 'running', output: undefined, finishedAt: undefined })],
      });
      const error = { code: 'KUSTOMER_HTTP_500', message: 'Kustomer answered 500', retriable: true };
      await checkpointRun(runs, 'run-1', {
        steps: [step('a'), step('b', { status: 'failed', error })],
        status: 'failed',
        error,
        finishedAt: at(9),
      });
      const saved = await runs.get('run-1');
      expect(saved?.steps).toEqual([step('a'), step('b', { status: 'failed', error })]);
      expect(saved).toMatchObject({ status: 'failed', error, finishedAt: at(9) });
      await expect(checkpointRun(runs, 'missing', { steps: [step('a')], status: 'succeeded' })).rejects.toMatchObject({
        code: 'STORE_RECORD_NOT_FOUND',
      });
    });

    it('creates a run absent from the store with its first checkpoint (create), and updates one that exists as stored', async () => {
      const { runs } = getStore();
      const fresh = run('run-new');
      await checkpointRun(runs, 'run-new', {
        steps: [step('a')],
        status: 'succeeded',
        finishedAt: at(5),
        create: fresh,
      });
      const created = await runs.get('run-new');
      expect(created).toMatchObject({
        id: 'run-new',
        workflowId: fresh.workflowId,
        version: fresh.version,
        event: fresh.event,
        status: 'succeeded',
        finishedAt: at(5),
        createdAt: fresh.createdAt,
      });
      expect(created?.steps).toEqual([step('a')]);
      // Already stored (a redelivery racing the first): `create` is ignored, the stored run is updated.
      await checkpointRun(runs, 'run-new', { steps: [step('b')], create: run('run-new', { version: 9 }) });
      expect(await runs.get('run-new')).toMatchObject({ version: fresh.version, status: 'succeeded' });
      expect((await runs.get('run-new'))?.steps.map((s) => s.id)).toEqual(['a', 'b']);
    });

    it('refuses to save a step or status of a run that does not exist', async () => {
      const { runs } = getStore();
      await expect(runs.saveStep('missing', step('a'))).rejects.toMatchObject({ code: 'STORE_RECORD_NOT_FOUND' });
      await expect(runs.setStatus('missing', 'running')).rejects.toMatchObject({ code: 'STORE_RECORD_NOT_FOUND' });
    });

    it('sets status with error and finishedAt, keeps them when not given, clears them with null', async () => {
      const { runs } = getStore();
      await runs.createIfAbsent(run('run-1'));
      await runs.setStatus('run-1', 'running');
      expect(await runs.get('run-1')).toMatchObject({ status: 'running' });
      const error = {
        code: 'UPSTREAM_ERROR',
        message: 'Kustomer answered 500',
        retriable: true,
        details: { status: 500 },
      };
      await runs.setStatus('run-1', 'failed', { error, finishedAt: at(9) });
      expect(await runs.get('run-1')).toMatchObject({ status: 'failed', error, finishedAt: at(9) });
      await runs.setStatus('run-1', 'failed');
      expect(await runs.get('run-1')).toMatchObject({ error, finishedAt: at(9) });
      await runs.setStatus('run-1', 'running', { error: null, finishedAt: null });
      const cleared = await runs.get('run-1');
      expect(cleared?.status).toBe('running');
      expect(cleared?.error).toBeUndefined();
      expect(cleared?.finishedAt).toBeUndefined();
    });

    it('resets a failed run for replay: keeps succeeded steps, drops failed and skipped ones', async () => {
      const { runs } = getStore();
      await runs.createIfAbsent(run('run-1'));
      await runs.saveStep('run-1', step('find'));
      await runs.saveStep(
        'run-1',
        step('create', { status: 'failed', error: { code: 'X', message: 'boom', retriable: false } }),
      );
      await runs.saveStep('run-1', step('notify', { status: 'skipped' }));
      await runs.setStatus('run-1', 'failed', {
        error: { code: 'X', message: 'boom', retriable: false },
        finishedAt: at(5),
      });

      const reset = await runs.resetForReplay('run-1');
      expect(reset).toMatchObject({ id: 'run-1', status: 'queued', replays: 1 });
      expect(reset?.steps.map((s) => s.id)).toEqual(['find']);
      expect(reset?.error).toBeUndefined();
      expect(reset?.finishedAt).toBeUndefined();
      expect(await runs.get('run-1')).toEqual(reset);
      expect((await runs.resetForReplay('run-1'))?.replays).toBe(2);
      expect(await runs.resetForReplay('missing')).toBeNull();
    });

    it('lists runs newest first, filtered by workflow and status, up to the limit', async () => {
      const { runs } = getStore();
      await runs.createIfAbsent(run('r1', { createdAt: at(1), workflowId: 'wf-1', status: 'succeeded' }));
      await runs.createIfAbsent(run('r2', { createdAt: at(2), workflowId: 'wf-2', status: 'failed' }));
      await runs.createIfAbsent(run('r3', { createdAt: at(3), workflowId: 'wf-1', status: 'failed' }));
      await runs.createIfAbsent(run('r4', { createdAt: at(4), workflowId: 'wf-1', status: 'queued' }));
      const ids = (list: RunRecord[]): string[] => list.map((r) => r.id);
      expect(ids(await runs.list({}))).toEqual(['r4', 'r3', 'r2', 'r1']);
      expect(ids(await runs.list({ workflowId: 'wf-1' }))).toEqual(['r4', 'r3', 'r1']);
      expect(ids(await runs.list({ status: ['failed'] }))).toEqual(['r3', 'r2']);
      expect(ids(await runs.list({ workflowId: 'wf-1', status: ['failed', 'succeeded'] }))).toEqual(['r3', 'r1']);
      expect(ids(await runs.list({ limit: 2 }))).toEqual(['r4', 'r3']);
      expect(ids(await runs.list({ workflowId: 'wf-none' }))).toEqual([]);
    });

    it('keeps the test mark and lists test runs alone, the others alone, or both', async () => {
      const { runs } = getStore();
      await runs.createIfAbsent(run('t1', { createdAt: at(1), workflowId: 'wf-1', test: true }));
      await runs.createIfAbsent(run('t2', { createdAt: at(2), workflowId: 'wf-1' }));
      await runs.createIfAbsent(run('t3', { createdAt: at(3), workflowId: 'wf-2', test: true, status: 'failed' }));
      const ids = (list: RunRecord[]): string[] => list.map((r) => r.id);
      expect((await runs.get('t1'))?.test).toBe(true);
      expect((await runs.get('t2'))?.test).toBeUndefined();
      expect(ids(await runs.list({}))).toEqual(['t3', 't2', 't1']);
      expect(ids(await runs.list({ test: true }))).toEqual(['t3', 't1']);
      expect(ids(await runs.list({ test: false }))).toEqual(['t2']);
      expect(ids(await runs.list({ test: true, workflowId: 'wf-1' }))).toEqual(['t1']);
      expect(ids(await runs.list({ test: true, status: ['failed'] }))).toEqual(['t3']);
      await runs.setStatus('t1', 'succeeded');
      expect((await runs.get('t1'))?.test).toBe(true);
    });

    it('pages through runs with a keyset cursor, ties on createdAt broken by id, no run missed or repeated', async () => {
      const { runs } = getStore();
      const created: RunRecord[] = [];
      for (let i = 0; i < 23; i += 1) {
        // Three runs per minute: equal createdAt values must still page deterministically.
        const record = run(`run-${String(i).padStart(2, '0')}`, {
          createdAt: at(Math.floor(i / 3)),
          workflowId: i % 5 === 0 ? 'wf-other' : 'wf-1',
        });
        created.push(record);
        await runs.createIfAbsent(record);
      }
      const expected = created
        .filter((r) => r.workflowId === 'wf-1')
        .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1))
        .map((r) => r.id);
      const seen: string[] = [];
      let before: string | undefined;
      for (let page = 0; page < 20; page += 1) {
        const batch = await runs.list({ workflowId: 'wf-1', limit: 4, ...(before ? { before } : {}) });
        if (batch.length === 0) break;
        expect(batch.length).toBeLessThanOrEqual(4);
        seen.push(...batch.map((r) => r.id));
        before = batch[batch.length - 1].id;
      }
      expect(seen).toEqual(expected);
      expect(await runs.list({ before: 'no-such-run' })).toEqual([]);
    });

    it('returns steps and run data exactly as saved', async () => {
      const { runs } = getStore();
      const record = run('run-1', { event: { key: 'conn-1:evt_ü', id: 'evt_ü', type: 'charge.failed' } });
      await runs.createIfAbsent(record);
      const s = step('code', { type: 'code', input: { list: [1, null, 'x'], deep: { a: { b: 'ç' } } }, output: 3.25 });
      await runs.saveStep('run-1', s);
      const saved = await runs.get('run-1');
      expect(saved?.event).toEqual(record.event);
      expect(saved?.steps).toEqual([s]);
    });
  });
}
