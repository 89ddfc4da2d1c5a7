/** `operator` is the installation's, not a municipality's: it acts on every tenant's read models at once. */
export const ROLES = ['clerk', 'analyst', 'auditor', 'admin', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** The verified caller: who, for which municipality, in which roles. */
export interface Principal {
  readonly subject: string;
  readonly tenant: string;
  readonly roles: readonly Role[];
  /**
   * The administration's own id of this person (the `staffRef` its commands carry), where the
   * identity provider sends one in the `staff_ref` claim; an identity provider's subject is often
   * an opaque id of its own.
   */
  readonly staffRef?: string;
}

/** Whose list "my worklist" is: the token's staff_ref claim, else its subject. */
export const ownStaffRef = (principal: Principal): string => principal.staffRef ?? principal.subject;

export const TENANT_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
