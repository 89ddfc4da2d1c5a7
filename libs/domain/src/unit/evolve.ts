import { assertNever } from '../shared';
import { UnitEvent } from './events';
import { UnitState } from './state';

export const evolveUnit = (state: UnitState, event: UnitEvent): UnitState => {
  switch (event.type) {
    case 'UnitRegistered':
      return { status: 'registered', ...event.data, staffTimeBudgets: {} };
    case 'StaffTimeBudgetSet':
      if (state.status === 'unregistered') return state;
      return { ...state, staffTimeBudgets: { ...state.staffTimeBudgets, [event.data.period]: event.data.hours } };
    default:
      return assertNever(event, 'unit event');
  }
};
