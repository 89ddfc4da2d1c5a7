export const UnitErrors = {
  /** RegisterUnit for an id that is already registered. */
  ALREADY_REGISTERED: 'UNIT.ALREADY_REGISTERED',
  /** A command for a unit that was never registered (kind `not_found`). */
  NOT_FOUND: 'UNIT.NOT_FOUND',
  /** SetStaffTimeBudget with a period that is neither `YYYY-MM` (01-12) nor `YYYY-Qn` (1-4). */
  INVALID_PERIOD: 'UNIT.INVALID_PERIOD',
  /** SetStaffTimeBudget with hours that are not a finite number >= 0. */
  INVALID_HOURS: 'UNIT.INVALID_HOURS',
} as const;
export type UnitErrorCode = (typeof UnitErrors)[keyof typeof UnitErrors];
