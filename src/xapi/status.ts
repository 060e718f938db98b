/** GET /api/staff/lrs-status (admins): how delivery to the LRS stands. Never carries credentials. */
export interface LrsStatus {
  /** False when the team server has no LRS configured (XAPI_ENDPOINT unset); the counts are then zero. */
  configured: boolean;
  /** The LRS's xAPI URL, without credentials. */
  endpoint: string | null;
  /** The LRS refused the server's credentials (HTTP 401 or 403): nothing is sent until they are fixed and the server restarted. */
  halted: { status: number; at: number; detail: string } | null;
  /** Statements waiting to be sent, sent, and refused for good by the LRS. */
  pending: number;
  delivered: number;
  rejected: number;
  /** When the oldest waiting statement was made (ms), and why its last try failed. */
  oldestPendingAt: number | null;
  lastError: string | null;
}
