import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The origin the browser sees: HTL_PUBLIC_URL's behind a proxy, else the request's own scheme and host. */
export function originOf(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ? new URL(publicUrl).origin : `${request.protocol}://${request.host}`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence in depth (besides SameSite=Strict cookies and JSON-only bodies): a state-changing
 * request that a browser marks as coming from another origin is refused before it is routed.
 * Requests without an Origin (curl, the tests' inject) are not browsers' cross-site requests.
 */
export function refuseCrossOrigin(app: FastifyInstance, publicUrl: string | undefined): void {
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    const crossSite = request.headers['sec-fetch-site'] === 'cross-site';
    if (crossSite || (origin !== undefined && origin !== originOf(request, publicUrl))) {
      await reply.code(403).send({ error: 'requests from another site are refused' });
    }
  });
}
