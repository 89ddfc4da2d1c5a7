/** `operator` is the installation's, not a municipality's: it acts on every tenant's read models at once. */
export const ROLES = ['clerk', 'analyst', 'auditor', 'admin', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** The verified caller: who, for which municipality, in which roles. */
export interface Principal {
  readonly subject: string;
  readonly tenant: string;
  readonly roles: readonly Role[];
}

export const TENANT_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
