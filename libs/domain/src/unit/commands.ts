import { Message } from '../shared';

export type RegisterUnit = Message<'RegisterUnit', { unitId: string; name: string; isContactPoint: boolean }>;

/** `period` is a month `YYYY-MM` or a quarter `YYYY-Qn`. */
export type SetStaffTimeBudget = Message<'SetStaffTimeBudget', { unitId: string; period: string; hours: number }>;

export type UnitCommand = RegisterUnit | SetStaffTimeBudget;

export const UNIT_COMMAND_TYPES = [
  'RegisterUnit',
  'SetStaffTimeBudget',
] as const satisfies readonly UnitCommand['type'][];
