import { Message } from '../shared';

export type UnitRegistered = Message<'UnitRegistered', { unitId: string; name: string; isContactPoint: boolean }>;

/** A later event for the same period replaces the earlier value. */
export type StaffTimeBudgetSet = Message<'StaffTimeBudgetSet', { unitId: string; period: string; hours: number }>;

export type UnitEvent = UnitRegistered | StaffTimeBudgetSet;

export const UNIT_EVENT_TYPES = [
  'UnitRegistered',
  'StaffTimeBudgetSet',
] as const satisfies readonly UnitEvent['type'][];
