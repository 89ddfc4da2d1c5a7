export const FundErrors = {
  /** OpenFund for an id that is already open. */
  ALREADY_OPENED: 'FUND.ALREADY_OPENED',
  /** A command for a fund that was never opened (kind `not_found`); also why an application is refused. */
  NOT_FOUND: 'FUND.NOT_FOUND',
  /** CloseFund for a fund that is closed already. */
  ALREADY_CLOSED: 'FUND.ALREADY_CLOSED',
  /** Why an application to a closed fund is refused (ApplicationRefused). */
  CLOSED: 'FUND.CLOSED',
  /** Why an application is refused whose id another case's application on this fund has. */
  APPLICATION_ID_IN_USE: 'FUND.APPLICATION_ID_IN_USE',
  /** An amount that is not a whole number of cents in range (> 0; >= 0 where zero makes sense). */
  INVALID_AMOUNT: 'FUND.INVALID_AMOUNT',
  /** A date that is not a calendar date YYYY-MM-DD in the supported years. */
  INVALID_DATE: 'FUND.INVALID_DATE',
  /** fundedFrom after fundedUntil, or proofDueOn before fundedUntil. */
  INVALID_PERIOD: 'FUND.INVALID_PERIOD',
  /** volunteerHours that are not a finite number >= 0. */
  INVALID_HOURS: 'FUND.INVALID_HOURS',
  /** An award (or proposal) above what is left of the budget (budget − reserved − awarded + released). */
  BUDGET_EXCEEDED: 'FUND.BUDGET_EXCEEDED',
  /** An award above the amount the application requested. */
  AMOUNT_EXCEEDS_REQUEST: 'FUND.AMOUNT_EXCEEDS_REQUEST',
  /** A decision on an application the fund has not received (yet). */
  APPLICATION_NOT_RECEIVED: 'FUND.APPLICATION_NOT_RECEIVED',
  /** A caseId that is not the one the application belongs to. */
  CASE_MISMATCH: 'FUND.CASE_MISMATCH',
  /** AwardGrant or RejectApplication for an application that was already awarded, rejected or settled. */
  APPLICATION_ALREADY_DECIDED: 'FUND.APPLICATION_ALREADY_DECIDED',
  /** AwardGrant or RejectApplication while an award of the application waits for confirmation. */
  AWARD_PROPOSED: 'FUND.AWARD_PROPOSED',
  /** ConfirmGrantAward or WithdrawGrantProposal without a proposed award. */
  NO_AWARD_PROPOSED: 'FUND.NO_AWARD_PROPOSED',
  /** ConfirmGrantAward by the person who proposed the award (four eyes). */
  SAME_PERSON: 'FUND.FOUR_EYES_SAME_PERSON',
  /** A command of the procedure after the award for an application that is not awarded (or settled). */
  APPLICATION_NOT_AWARDED: 'FUND.APPLICATION_NOT_AWARDED',
  /** A command of the procedure for an application that was settled already. */
  APPLICATION_SETTLED: 'FUND.APPLICATION_SETTLED',
  /** DisburseGrant that would take the total disbursed above the awarded amount. */
  DISBURSEMENT_EXCEEDS_AWARD: 'FUND.DISBURSEMENT_EXCEEDS_AWARD',
  /** SubmitProofOfUse while a proof waits for review, or after one was accepted (in part). */
  PROOF_ALREADY_SUBMITTED: 'FUND.PROOF_ALREADY_SUBMITTED',
  /** ReviewProofOfUse without a proof waiting for review. */
  NO_PROOF_SUBMITTED: 'FUND.NO_PROOF_SUBMITTED',
  /** ReviewProofOfUse whose outcome does not fit acceptedCents (accepted: all disbursed; partially: some, not all; rejected: none). */
  OUTCOME_CONTRADICTS_AMOUNT: 'FUND.OUTCOME_CONTRADICTS_AMOUNT',
  /** ReviewProofOfUse accepting more than was spent or more than was awarded. */
  ACCEPTED_EXCEEDS_PROOF: 'FUND.ACCEPTED_EXCEEDS_PROOF',
  /** ReclaimGrant above disbursed − accepted − already reclaimed. */
  RECLAIM_EXCEEDS_UNACCEPTED: 'FUND.RECLAIM_EXCEEDS_UNACCEPTED',
  /** RecordRepayment above reclaimed − repaid. */
  REPAYMENT_EXCEEDS_RECLAIM: 'FUND.REPAYMENT_EXCEEDS_RECLAIM',
  /** SettleApplication of an application with money paid out whose proof of use was not reviewed. */
  PROOF_NOT_REVIEWED: 'FUND.PROOF_NOT_REVIEWED',
  /** SettleApplication while reclaimed money is not repaid. */
  REPAYMENT_OUTSTANDING: 'FUND.REPAYMENT_OUTSTANDING',
  /** RejectApplication, ReviewProofOfUse without a rationale, ReclaimGrant without a reason. */
  RATIONALE_REQUIRED: 'FUND.RATIONALE_REQUIRED',
} as const;
export type FundErrorCode = (typeof FundErrors)[keyof typeof FundErrors];
