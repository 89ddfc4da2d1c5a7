import { useSyncExternalStore } from 'react';

export const CONSOLE_ROLES = ['clerk', 'analyst'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

export interface Session {
  readonly token: string;
  readonly tenant: string;
  readonly roles: readonly string[];
  readonly subject: string;
  /** The clerk's own staff reference, as the API reads it: the token's staff_ref claim, else its subject. */
  readonly staffRef: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  readonly via: 'development' | 'oidc';
}

/**
 * The session lives in sessionStorage: per tab, gone when the tab closes, readable only by scripts
 * of this origin — and the Content-Security-Policy lets only the console's own files run here.
 * It survives a reload, which memory alone would not. Never localStorage, never a URL.
 */
const KEY = 'koproduktiv.session';
const listeners = new Set<() => void>();
let current: Session | null = read();

function read(): Session | null {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return session && session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function setSession(session: Session | null): void {
  current = session;
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

/** The session, or null once its token expired. */
export function getSession(): Session | null {
  if (current && current.expiresAt <= Date.now()) setSession(null);
  return current;
}

export function useSession(): Session | null {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, getSession);
}

export const hasRole = (session: Session | null, role: ConsoleRole) => Boolean(session?.roles.includes(role));

/** The claims of a JWT, read (not verified: the API verifies every token it is sent). */
export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(
    payload
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(payload.length / 4) * 4, '='),
  );
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

export function sessionFromToken(token: string, via: Session['via']): Session {
  const claims = claimsOf(token);
  const roles = typeof claims.roles === 'string' ? claims.roles.split(/[ ,]/) : (claims.roles as string[] | undefined);
  return {
    token,
    tenant: String(claims.tenant ?? ''),
    roles: Array.isArray(roles) ? roles : [],
    subject: String(claims.sub ?? ''),
    staffRef: String(claims.staff_ref ?? claims.sub ?? ''),
    expiresAt: Number(claims.exp ?? 0) * 1000,
    via,
  };
}
