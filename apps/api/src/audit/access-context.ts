import type { FastifyRequest } from 'fastify';
import type { Principal } from '@koproduktiv/platform';

/** Who reads personal data and why: what the access log records of every read in clear. */
export interface AccessContext {
  readonly tenant: string;
  readonly actor: string;
  readonly role: string;
  readonly purpose: string | null;
  readonly requestId: string | null;
}

const MAX_PURPOSE = 500;

/** The caller's stated purpose (X-Purpose), kept printable and short: it goes into an append-only log. */
export function accessContext(principal: Principal, request: FastifyRequest, role: string): AccessContext {
  const header = request.headers['x-purpose'];
  const raw = Array.isArray(header) ? header.join(', ') : header;
  const purpose =
    raw === undefined
      ? null
      : raw
          .replace(/[\u0000-\u001f\u007f]/g, ' ')
          .trim()
          .slice(0, MAX_PURPOSE) || null;
  return { tenant: principal.tenant, actor: principal.subject, role, purpose, requestId: String(request.id) };
}
