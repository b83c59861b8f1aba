/**
 * The live run stream (GET /v1/runs/stream, server-sent events) over real HTTP: a webhook's run
 * shows up as it is created and as it finishes, filtered by workflow and by run; it works with
 * the editor's session cookie; a client that goes away is forgotten; shutting the server down
 * ends open streams instead of waiting for them.
 */
import { describe, expect, it } from 'vitest';
import { eventually, failedCharge, postSigned, startHarness, stripeEvent, testToken } from '../testing/harness.ts';
import { useScenario } from '../testing/use-scenario.ts';

interface SseEvent {
  event: string;
  data: string;
}

/** Opens a stream and collects its events as they arrive (a tiny EventSource). */
async function openStream(url: string, headers: Record<string, string>) {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  const events: SseEvent[] = [];
  let ended = false;
  if (res.ok) {
    void (async () => {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const field = (name: string) =>
              block
                .split('\n')
                .filter((l) => l.startsWith(`${name}: `))
                .map((l) => l.slice(name.length + 2))
                .join('\n');
            if (field('event')) events.push({ event: field('event'), data: field('data') });
          }
        }
      } catch {
        /* aborted */
      }
      ended = true;
    })();
  }
  return {
    res,
    events,
    get ended() {
      return ended;
    },
    close: () => abort.abort(),
  };
}

describe('live run stream', () => {
  const { h, s } = useScenario();

  const auth = { authorization: `Bearer ${testToken}` };
  const runsOf = (events: SseEvent[]) => events.filter((e) => e.event === 'run').map((e) => JSON.parse(e.data));

  it('sends a run as it is created and as it finishes, without its steps, only for the workflow asked', async () => {
    const all = await openStream(`${h.wireup.url}/v1/runs/stream?workflow=${s.workflowId}`, auth);
    const other = await openStream(`${h.wireup.url}/v1/runs/stream?workflow=wf_someone_else`, auth);
    expect(all.res.status).toBe(200);
    expect(all.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await eventually(async () => all.events[0]?.event === 'ready' || undefined, 5_000, 'ready');

    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_streamed' }));
    expect((await postSigned(s.webhookUrl, JSON.stringify(event))).status).toBe(200);
    const done = await eventually(
      async () => runsOf(all.events).find((r) => r.status === 'succeeded'),
      15_000,
      'the succeeded run on the stream',
    );
    expect(done.event.id).toBe(event.id);
    expect(done.workflowId).toBe(s.workflowId);
    expect(done.steps).toBeUndefined();
    // The stream said so before (or as) the run finished: the created run came first.
    expect(runsOf(all.events)[0].id).toBe(done.id);
    expect(JSON.stringify(all.events)).not.toContain('kustomer-test-key');
    expect(runsOf(other.events)).toEqual([]);

    // One run only: a replay of it shows up on its own stream.
    const one = await openStream(`${h.wireup.url}/v1/runs/stream?run=${done.id}`, auth);
    await eventually(async () => one.events[0]?.event === 'ready' || undefined, 5_000, 'ready');
    h.kustomer.failNext(4, {
      status: 400,
      method: 'POST',
      path: '/v1/conversations',
      body: { errors: [{ status: 400, title: 'Bad Request' }] },
    });
    const second = stripeEvent('charge.failed', failedCharge({ id: 'ch_streamed_2' }));
    expect((await postSigned(s.webhookUrl, JSON.stringify(second))).status).toBe(200);
    const failed = await eventually(
      async () => runsOf(all.events).find((r) => r.event.id === second.id && r.status === 'failed'),
      15_000,
      'the failed run',
    );
    expect(failed.error.message).toBeTruthy();
    expect(runsOf(one.events)).toEqual([]);
    for (const stream of [all, other, one]) stream.close();
    // Clients that went away are forgotten.
    await eventually(async () => h.wireup.runFeed.listeners === 0 || undefined, 5_000, 'streams forgotten');
  });

  it('works with the session cookie (EventSource sends it), and refuses a request without credentials', async () => {
    const code = await h.wireup.sessions.issueSignInCode();
    const signIn = await fetch(`${h.wireup.url}/auth/sign-in?code=${code}`, { redirect: 'manual' });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const stream = await openStream(`${h.wireup.url}/v1/runs/stream`, { cookie, accept: 'text/event-stream' });
    expect(stream.res.status).toBe(200);
    await eventually(async () => stream.events[0]?.event === 'ready' || undefined, 5_000, 'ready');
    stream.close();
    const refused = await fetch(`${h.wireup.url}/v1/runs/stream`);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as any).error.code).toBe('UNAUTHORIZED');
    const bad = await fetch(`${h.wireup.url}/v1/runs/stream?workflow=`, { headers: auth });
    expect(bad.status).toBe(400);
  });

  it('ends open streams when the server shuts down, without waiting for them', async () => {
    const other = await startHarness();
    try {
      const stream = await openStream(`${other.wireup.url}/v1/runs/stream`, auth);
      await eventually(async () => stream.events[0]?.event === 'ready' || undefined, 5_000, 'ready');
      const started = Date.now();
      await other.close();
      expect(Date.now() - started).toBeLessThan(5_000);
      await eventually(async () => stream.ended || undefined, 5_000, 'the stream ended');
    } finally {
      await other.close().catch(() => undefined);
    }
  });
});
