import { createHmac } from 'node:crypto';
import type { CaseDocument } from '@koproduktiv/projections';

/**
 * Employees' identifiers (staffRef) as analysts see them: a keyed HMAC per tenant. The same person
 * gets the same pseudonym in every answer to the same municipality, so analysts can still group by
 * contact person; without the installation's key a pseudonym leads back to no one, and the same
 * person's pseudonyms differ between municipalities.
 */
export class StaffPseudonyms {
  private readonly tenantKeys = new Map<string, Buffer>();
  private secret: Promise<Buffer> | undefined;

  /** `loadSecret`: the installation's key, asked for on first use (again after a failure, e.g. while PostgreSQL is down). */
  constructor(private readonly loadSecret: () => Promise<Buffer>) {}

  async forTenant(tenant: string): Promise<(staffRef: string) => string> {
    let key = this.tenantKeys.get(tenant);
    if (!key) {
      if (!this.secret) {
        this.secret = this.loadSecret();
        this.secret.catch(() => (this.secret = undefined));
      }
      key = createHmac('sha256', await this.secret)
        .update(`koproduktiv staffRef pseudonyms\u0000${tenant}`)
        .digest();
      this.tenantKeys.set(tenant, key);
    }
    const tenantKey = key;
    return (staffRef) => `staff-${createHmac('sha256', tenantKey).update(staffRef).digest('base64url').slice(0, 22)}`;
  }

  /** The case document with its staff identifiers replaced by their pseudonyms (a copy). */
  async caseDocument(tenant: string, doc: CaseDocument): Promise<CaseDocument> {
    return pseudonymised(doc, await this.forTenant(tenant));
  }
}

export function pseudonymised(doc: CaseDocument, pseudonym: (staffRef: string) => string): CaseDocument {
  return {
    ...doc,
    acknowledgedBy: doc.acknowledgedBy && { ...doc.acknowledgedBy, staffRef: pseudonym(doc.acknowledgedBy.staffRef) },
    contactPerson: doc.contactPerson && { ...doc.contactPerson, staffRef: pseudonym(doc.contactPerson.staffRef) },
  };
}

export const STAFF_PSEUDONYMS = Symbol('STAFF_PSEUDONYMS');
