import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { Tally, type BenchRequest, type Player } from './player.ts';

/**
 * Saturation: every player sends its next request the moment the previous one is answered, each
 * over its own autocannon client, for `seconds`. Latency runs from building a request (autocannon
 * sends it at once) to its answer.
 */
export async function saturate(origin: string, players: Player[], seconds: number): Promise<Tally> {
  const tally = new Tally();
  await Promise.all(
    players.map((player) => {
      let sentAt = 0;
      const setupRequest = () => {
        sentAt = performance.now();
        return player.request();
      };
      const onResponse = (status: number) => player.heard(status, performance.now() - sentAt, tally);
      return autocannon({ url: origin, connections: 1, duration: seconds, requests: [{ setupRequest, onResponse }] });
    }),
  );
  tally.stop();
  return tally;
}

/**
 * A steady `rate` of decisions a second, spread evenly over the players: each decision is due at
 * its own time, and its latency runs from when it was due, so a server that falls behind is
 * charged for the wait too. A new attempt is started as soon as one ends, outside the schedule.
 */
export async function pace(origin: string, players: Player[], rate: number, seconds: number): Promise<Tally> {
  const tally = new Tally();
  const agent = new Agent({ keepAlive: true, maxSockets: players.length });
  const start = performance.now() + 100;
  const end = start + seconds * 1000;
  const gapMs = (players.length * 1000) / rate;
  await Promise.all(
    players.map(async (player, index) => {
      // A server far behind is not waited for more than a few seconds past the end.
      for (let due = start + (index * gapMs) / players.length; due < end && performance.now() < end + 5000; ) {
        if (player.deciding) await sleep(Math.max(0, due - performance.now()));
        const deciding = player.deciding;
        const status = await send(origin, agent, player.request());
        player.heard(status, performance.now() - due, tally);
        if (deciding) due += gapMs;
      }
    }),
  );
  tally.stop();
  agent.destroy();
  return tally;
}

function send(origin: string, agent: Agent, { method, path, headers, body }: BenchRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(new URL(path, origin), { method, headers, agent }, (response) => {
      response.resume().on('end', () => resolve(response.statusCode ?? 0));
    });
    sent.on('error', reject).end(body);
  });
}
