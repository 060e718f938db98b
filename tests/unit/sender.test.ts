import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../client/sync/outbox.ts';
import { OutboxSender } from '../../client/sync/sender.ts';

/**
 * The sender against a scripted server: what it sends, in which order, and what it leaves in the
 * outbox, for each kind of answer. (The browser tests run it against the real server.)
 */
const decision = (seq: number, attemptId: string, index: number, traineeId = 't1'): OutboxEntry => ({
  seq,
  traineeId,
  attemptId,
  kind: 'decision',
  body: { index, id: `${attemptId}-d${index}`, choice: { kind: 'breath' }, at: 1 },
});
const attempt = (seq: number, attemptId: string): OutboxEntry => ({
  seq,
  traineeId: 't1',
  attemptId,
  kind: 'attempt',
  body: { id: attemptId, scenario: 's', scenarioHash: 'h', seed: 1, language: 'en', startedAt: 1 },
});

type Reply = { status: number; body?: unknown } | 'offline';

/** A store holding `entries` and a server answering each request from `answer`; records what was sent and reported. */
function setup(entries: OutboxEntry[], answer: (method: string, url: string, body: { index?: number } | undefined) => Reply) {
  let queue = [...entries];
  const sent: string[] = [];
  const reported: Record<string, number> = {};
  const store = {
    outbox: async () => [...queue],
    acknowledge: async (seqs: readonly number[]) => {
      queue = queue.filter((entry) => !seqs.includes(entry.seq ?? -1));
    },
    reportSync: (problem: string, count: number) => {
      reported[problem] = count;
    },
  };
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    const body = init?.body ? (JSON.parse(String(init.body)) as { index?: number }) : undefined;
    const method = init?.method ?? 'GET';
    sent.push(`${method} ${String(url)}${body?.index === undefined ? '' : ` #${body.index}`}`);
    const reply = answer(method, String(url), body);
    if (reply === 'offline') throw new TypeError('Failed to fetch');
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), { status: reply.status });
  };
  const signedOut: number[] = [];
  const sender = new OutboxSender({ store: store as never, traineeId: () => 't1', onSignedOut: () => signedOut.push(1), fetch: fetch as typeof globalThis.fetch });
  const drain = () => (sender as unknown as { drain(): Promise<boolean> }).drain();
  return { drain, sent, reported, signedOut, queue: () => queue.map((entry) => entry.seq) };
}

describe('the outbox sender', () => {
  it('sends an attempt and its decisions one at a time, in order, dropping each once acknowledged', async () => {
    const { drain, sent, queue } = setup([attempt(1, 'a'), decision(2, 'a', 0), decision(3, 'a', 1)], () => ({ status: 201, body: {} }));
    expect(await drain()).toBe(true);
    expect(sent).toEqual(['POST /api/attempts', 'POST /api/attempts/a/decisions #0', 'POST /api/attempts/a/decisions #1']);
    expect(queue()).toEqual([]);
  });

  it('keeps everything and says so when the server does not answer', async () => {
    const { drain, sent, queue } = setup([decision(1, 'a', 0), decision(2, 'a', 1)], (_method, url) => (url.endsWith('decisions') && sent.length > 1 ? 'offline' : { status: 201 }));
    expect(await drain()).toBe(false);
    expect(sent).toEqual(['POST /api/attempts/a/decisions #0', 'POST /api/attempts/a/decisions #1']);
    expect(queue()).toEqual([2]);
  });

  it('after a 409, drops what the server already has under the same ids and sends on from there', async () => {
    // The server got decisions 0 and 1 but its answer to 1 was lost: 1 comes back as a conflict.
    const { drain, sent, queue } = setup([decision(2, 'a', 1), decision(3, 'a', 2)], (method, _url, body) => {
      if (method === 'GET') return { status: 200, body: { decisions: [{ index: 0, id: 'a-d0' }, { index: 1, id: 'a-d1' }] } };
      return body?.index === 1 ? { status: 409, body: { nextIndex: 2 } } : { status: 201 };
    });
    expect(await drain()).toBe(true);
    expect(sent).toEqual(['POST /api/attempts/a/decisions #1', 'GET /api/attempts/a', 'POST /api/attempts/a/decisions #2']);
    expect(queue()).toEqual([]);
  });

  it("stops an attempt the server refuses, keeps its entries, tells, and goes on with the other attempts", async () => {
    const { drain, sent, queue, reported } = setup([decision(1, 'a', 0), decision(2, 'a', 1), decision(3, 'b', 0)], (_method, url) => (url.includes('/a/') ? { status: 422 } : { status: 201 }));
    expect(await drain()).toBe(true);
    expect(sent).toEqual(['POST /api/attempts/a/decisions #0', 'POST /api/attempts/b/decisions #0']);
    expect(queue()).toEqual([1, 2]);
    expect(reported).toMatchObject({ syncRefused: 1, syncSignedOut: 0, syncDiverged: 0 });
  });

  it("sends only the signed-in trainee's entries, and a 401 stops all of theirs", async () => {
    const { drain, sent, queue, reported, signedOut } = setup([decision(1, 'x', 0, 'someone-else'), decision(2, 'a', 0), decision(3, 'b', 0)], () => ({ status: 401 }));
    expect(await drain()).toBe(true);
    expect(sent).toEqual(['POST /api/attempts/a/decisions #0']);
    expect(queue()).toEqual([1, 2, 3]);
    expect(reported).toMatchObject({ syncSignedOut: 2 });
    expect(signedOut).toHaveLength(1);
  });
});
