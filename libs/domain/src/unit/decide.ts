import { assertNever, DomainError, isFiniteAtLeast, isSupportedPeriod, SUPPORTED_YEARS_TEXT } from '../shared';
import { RegisterUnit, SetStaffTimeBudget, UnitCommand } from './commands';
import { UnitErrors } from './errors';
import { UnitEvent } from './events';
import { RegisteredUnit, UnitState } from './state';

export const decideUnit = (command: UnitCommand, state: UnitState): UnitEvent[] => {
  switch (command.type) {
    case 'RegisterUnit':
      return register(command, state);
    case 'SetStaffTimeBudget':
      return setStaffTimeBudget(command, requireRegistered(state, command.data.unitId));
    default:
      return assertNever(command, 'unit command');
  }
};

const register = ({ data }: RegisterUnit, state: UnitState): UnitEvent[] => {
  if (state.status !== 'unregistered') {
    throw new DomainError(UnitErrors.ALREADY_REGISTERED, `Unit ${data.unitId} is already registered`, 'rule_violated', {
      unitId: data.unitId,
    });
  }
  return [
    { type: 'UnitRegistered', data: { unitId: data.unitId, name: data.name, isContactPoint: data.isContactPoint } },
  ];
};

const setStaffTimeBudget = ({ data }: SetStaffTimeBudget, _state: RegisteredUnit): UnitEvent[] => {
  if (!isSupportedPeriod(data.period)) {
    throw new DomainError(
      UnitErrors.INVALID_PERIOD,
      `Period ${data.period} is neither YYYY-MM nor YYYY-Qn ${SUPPORTED_YEARS_TEXT}`,
      'rule_violated',
      { period: data.period },
    );
  }
  if (!isFiniteAtLeast(data.hours, 0)) {
    throw new DomainError(UnitErrors.INVALID_HOURS, 'hours must be a number >= 0', 'rule_violated', {
      hours: data.hours,
    });
  }
  return [{ type: 'StaffTimeBudgetSet', data: { unitId: data.unitId, period: data.period, hours: data.hours } }];
};

const requireRegistered = (state: UnitState, unitId: string): RegisteredUnit => {
  if (state.status === 'unregistered') {
    throw new DomainError(UnitErrors.NOT_FOUND, `Unit ${unitId} does not exist`, 'not_found', { unitId });
  }
  return state;
};
