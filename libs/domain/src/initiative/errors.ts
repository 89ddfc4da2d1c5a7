export const InitiativeErrors = {
  /** RegisterInitiative for an id that is already registered. */
  ALREADY_REGISTERED: 'INITIATIVE.ALREADY_REGISTERED',
  /** Any other command for an initiative that was never registered (kind `not_found`). */
  NOT_FOUND: 'INITIATIVE.NOT_FOUND',
  /** UpdateInitiativeProfile or DissolveInitiative on a dissolved initiative. */
  DISSOLVED: 'INITIATIVE.DISSOLVED',
  /** UpdateInitiativeProfile without any field to change. */
  NOTHING_TO_UPDATE: 'INITIATIVE.NOTHING_TO_UPDATE',
  /** ReportActiveMembers with a count that is not an integer >= 0. */
  INVALID_ACTIVE_MEMBERS: 'INITIATIVE.INVALID_ACTIVE_MEMBERS',
} as const;
export type InitiativeErrorCode = (typeof InitiativeErrors)[keyof typeof InitiativeErrors];
