/** Where and how the team server sends xAPI statements; only ever on the server, never sent to a browser. */
export interface XapiConfig {
  /** The LRS's xAPI base, e.g. https://lrs.example.com/xAPI/ (statements go to …/statements). */
  endpoint: string;
  username: string;
  password: string;
  /** The team server's public URL: the homePage of trainee accounts and the base of activity ids. */
  homePage: string;
  /** Overall score (0–100) an attempt needs for "passed". */
  passMark: number;
  /** Send the trainee's typed name with the account id; off unless the deployment says so. */
  sendNames: boolean;
  /** Statements per POST. */
  batchSize?: number;
  /** Waits after failed deliveries: base × 2^(failures−1), at most max, with jitter. */
  retry?: { baseMs: number; maxMs: number };
  /** How often an idle sender looks for statements another instance queued. */
  pollMs?: number;
  /** How long a claimed row is this instance's alone; longer than a request may take. */
  leaseMs?: number;
  requestTimeoutMs?: number;
  /** For tests: the HTTP client and the randomness of the jitter. */
  fetch?: typeof fetch;
  random?: () => number;
}

export const PASS_MARK_DEFAULT = 70;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * XAPI_ENDPOINT turns delivery on; XAPI_USERNAME and XAPI_PASSWORD are then required (Basic auth),
 * and so is HTL_PUBLIC_URL, which names the trainees' accounts. XAPI_PASS_MARK (default 70),
 * XAPI_SEND_NAMES=1 to send typed names.
 */
export function xapiConfigFromEnv(env: NodeJS.ProcessEnv, publicUrl: string | undefined): XapiConfig | undefined {
  if (!env.XAPI_ENDPOINT) return undefined;
  let endpoint: URL;
  try {
    endpoint = new URL(env.XAPI_ENDPOINT);
  } catch {
    throw new Error(`XAPI_ENDPOINT must be the LRS's xAPI URL, such as https://lrs.example.com/xAPI/, not "${env.XAPI_ENDPOINT}"`);
  }
  if (endpoint.username || endpoint.password) throw new Error('XAPI_ENDPOINT must not carry credentials: set XAPI_USERNAME and XAPI_PASSWORD');
  // Basic auth in clear text would give the LRS key to anyone on the way; only this machine may be spoken to without TLS.
  if (endpoint.protocol !== 'https:' && !(endpoint.protocol === 'http:' && LOOPBACK.has(endpoint.hostname))) throw new Error(`XAPI_ENDPOINT must use https (plain http only to this machine), not "${env.XAPI_ENDPOINT}"`);
  if (!env.XAPI_USERNAME || !env.XAPI_PASSWORD) throw new Error('XAPI_ENDPOINT is set, so XAPI_USERNAME and XAPI_PASSWORD (the LRS client\'s key and secret) are needed too');
  if (!publicUrl) throw new Error('XAPI_ENDPOINT is set, so HTL_PUBLIC_URL is needed too: it names the trainees\' accounts in the LRS');
  const passMark = Number(env.XAPI_PASS_MARK ?? PASS_MARK_DEFAULT);
  if (!Number.isInteger(passMark) || passMark < 0 || passMark > 100) throw new Error(`XAPI_PASS_MARK must be a whole number from 0 to 100, not "${env.XAPI_PASS_MARK}"`);
  return { endpoint: endpoint.href, username: env.XAPI_USERNAME, password: env.XAPI_PASSWORD, homePage: publicUrl, passMark, sendNames: env.XAPI_SEND_NAMES === '1' };
}
