import type { ProofOfUseOutcome } from '@koproduktiv/domain';
import { Script, When } from './script';

/** The clerk who confirms the large awards the demo's clerk proposes (four eyes). */
export const SECOND_CLERK = 'demo-data-second-clerk';

/**
 * What happens on the fund after an award (its own timeline, so that the case's story keeps its
 * course): the second clerk's confirmation, the proof of use, its review, reclaim, repayment and
 * settlement. Starts right after the award.
 */
export class GrantScript extends Script {
  constructor(
    seed: number,
    name: string,
    awardedAt: Date,
    private readonly application: { readonly fundId: string; readonly applicationId: string },
  ) {
    super(seed, name, awardedAt);
  }

  confirm(when: When): this {
    return this.send(when, 'ConfirmGrantAward', this.application, SECOND_CLERK);
  }

  proof(when: When, spentEuro: number, reportRef: string, volunteerHours?: number): this {
    return this.send(when, 'SubmitProofOfUse', {
      ...this.application,
      spentCents: spentEuro * 100,
      reportRef,
      ...(volunteerHours === undefined ? {} : { volunteerHours }),
    });
  }

  review(when: When, outcome: ProofOfUseOutcome, acceptedEuro: number, rationale: string): this {
    return this.send(when, 'ReviewProofOfUse', {
      ...this.application,
      outcome,
      acceptedCents: acceptedEuro * 100,
      rationale,
    });
  }

  reclaim(when: When, euro: number, reason: string): this {
    return this.send(when, 'ReclaimGrant', { ...this.application, amountCents: euro * 100, reason });
  }

  repay(when: When, euro: number): this {
    return this.send(when, 'RecordRepayment', { ...this.application, amountCents: euro * 100 });
  }

  settle(when: When): this {
    return this.send(when, 'SettleApplication', this.application);
  }
}
