import { createHash } from 'node:crypto';
import type { Scenario } from '../src/index.ts';

/**
 * A scenario version's name: SHA-256 of the scenario as JSON with sorted keys, so the same content
 * always has the same name. The build puts it in each scenario's bundle and the team server names
 * the versions it stores by it, so an attempt says exactly which rules it was played under.
 */
export function scenarioHash(scenario: Scenario): string {
  return createHash('sha256').update(canonicalJson(scenario)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
