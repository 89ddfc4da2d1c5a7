import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import type { ConsoleOptions, ConsoleSignIn } from './console-options';

export const CONSOLE_PATH = '/console';

/**
 * Only the console's own files run: no inline script or style, no eval, no plugin, no framing.
 * Requests go to this origin, and with OIDC to the identity provider (discovery, token endpoint).
 */
export function contentSecurityPolicy(signIn: ConsoleSignIn): string {
  const provider = signIn.mode === 'oidc' ? ` ${new URL(signIn.authority).origin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${provider}`,
    `form-action 'self'${provider}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "manifest-src 'self'",
  ].join('; ');
}

function secure(reply: FastifyReply, csp: string): FastifyReply {
  return reply
    .header('Content-Security-Policy', csp)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Referrer-Policy', 'no-referrer')
    .header('Cross-Origin-Opener-Policy', 'same-origin')
    .header('X-Frame-Options', 'DENY');
}

/**
 * Serves the built console under /console: its hashed assets for a year, everything else (the
 * pages of the single-page app) as index.html that is never cached, and /console/config.json
 * telling it how to sign in. Every answer under /console carries the security headers.
 */
export async function mountConsole(app: NestFastifyApplication, options: ConsoleOptions): Promise<void> {
  const csp = contentSecurityPolicy(options.signIn);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.url === CONSOLE_PATH || request.url.startsWith(`${CONSOLE_PATH}/`)) secure(reply, csp);
    return payload;
  });
  await app.register(fastifyStatic as never, {
    root: options.dir,
    prefix: `${CONSOLE_PATH}/`,
    wildcard: false,
    index: false,
    serveDotFiles: false,
    setHeaders: (reply: FastifyReply, path: string) => {
      const hashed = /[\\/]assets[\\/]/.test(path);
      reply.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  fastify.get(CONSOLE_PATH, (_request, reply) => reply.redirect(`${CONSOLE_PATH}/`, 301));
  fastify.get(`${CONSOLE_PATH}/config.json`, (_request, reply) =>
    reply.header('Cache-Control', 'no-store').send({ signIn: options.signIn }),
  );
  // The app's own routes (/console/lagebild, …) are index.html; a missing asset stays a 404.
  fastify.get(`${CONSOLE_PATH}/*`, (request, reply) => {
    if (/\/assets\/|\.[a-z0-9]+$/i.test(request.url.split('?')[0]))
      return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
}
