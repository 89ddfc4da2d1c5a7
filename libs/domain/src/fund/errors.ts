export const FundErrors = {
  /** OpenFund for an id that is already open. */
  ALREADY_OPENED: 'FUND.ALREADY_OPENED',
  /** A command for a fund that was never opened (kind `not_found`). */
  NOT_FOUND: 'FUND.NOT_FOUND',
  /** An amount that is not a whole number of cents in range (> 0; for OpenFund's budget >= 0). */
  INVALID_AMOUNT: 'FUND.INVALID_AMOUNT',
  /** AwardGrant above the remaining budget (budget incl. increases minus awarded). */
  BUDGET_EXCEEDED: 'FUND.BUDGET_EXCEEDED',
  /** AwardGrant or RejectApplication for an application that was already awarded or rejected. */
  APPLICATION_ALREADY_DECIDED: 'FUND.APPLICATION_ALREADY_DECIDED',
  /** DisburseGrant for an application that was not awarded (unknown or rejected). */
  APPLICATION_NOT_AWARDED: 'FUND.APPLICATION_NOT_AWARDED',
  /** DisburseGrant that would take the total disbursed above the awarded amount. */
  DISBURSEMENT_EXCEEDS_AWARD: 'FUND.DISBURSEMENT_EXCEEDS_AWARD',
  /** RejectApplication with an empty rationale. */
  RATIONALE_REQUIRED: 'FUND.RATIONALE_REQUIRED',
} as const;
export type FundErrorCode = (typeof FundErrors)[keyof typeof FundErrors];
