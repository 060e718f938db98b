import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers for everything the server sends, with a Content Security Policy that allows
 * only the game's own files, plus each inline script of the built pages by its SHA-256 (the
 * pages keep their inline scripts: start-up time depends on them).
 */
export async function registerSecurityHeaders(app: FastifyInstance, staticDir: string | undefined, behindHttps: boolean): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(staticDir)],
        // The game draws portraits and textures from data: and blob: URLs (Phaser), and plays sound decoded from blobs.
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        ...(behindHttps ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Only behind HTTPS: over plain HTTP the header would be ignored, or pin a host that has no certificate.
    strictTransportSecurity: behindHttps ? { maxAge: 180 * 24 * 60 * 60 } : false,
  });
}

/** 'sha256-…' for each inline script (executable ones: data blocks such as type="application/json" never run) in dir/*.html. */
export function inlineScriptHashes(dir: string | undefined): string[] {
  if (!dir || !existsSync(dir)) return [];
  const hashes = new Set<string>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.html'))) {
    const html = readFileSync(join(dir, file), 'utf8');
    for (const [, attributes = '', body = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      if (/\bsrc\s*=/i.test(attributes) || !isExecutable(attributes)) continue;
      hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
    }
  }
  return [...hashes];
}

function isExecutable(attributes: string): boolean {
  const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
  return type === undefined || type === 'module' || type === 'text/javascript' || type === 'application/javascript';
}
