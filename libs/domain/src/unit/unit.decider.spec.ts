import { given, ids, unitRegistered } from '../testing';
import { UnitCommand } from './commands';
import { unitDecider } from './unit.decider';

const register: UnitCommand = {
  type: 'RegisterUnit',
  data: { unitId: ids.unit, name: 'Anlaufstelle Bürgerengagement', isContactPoint: true },
};
const setBudget = (period: string, hours: number) =>
  ({ type: 'SetStaffTimeBudget', data: { unitId: ids.unit, period, hours } }) as const;

describe('unit decider', () => {
  it('registers a unit', () => {
    const state = given(unitDecider).when(register).then([unitRegistered]);
    expect(state).toStrictEqual({
      status: 'registered',
      unitId: ids.unit,
      name: 'Anlaufstelle Bürgerengagement',
      isContactPoint: true,
      staffTimeBudgets: {},
    });
  });

  it('registers a unit only once', () => {
    given(unitDecider, [unitRegistered]).when(register).thenThrows('UNIT.ALREADY_REGISTERED');
  });

  describe('SetStaffTimeBudget', () => {
    it.each(['2025-01', '2025-12', '2025-Q1', '2025-Q4'])('accepts the period %s', (period) => {
      given(unitDecider, [unitRegistered])
        .when(setBudget(period, 40))
        .then([{ type: 'StaffTimeBudgetSet', data: { unitId: ids.unit, period, hours: 40 } }]);
    });

    it.each(['2025-00', '2025-13', '2025-1', '2025-Q0', '2025-Q5', '25-01', '2025/01', '2025-q1', '2025-01-01', ''])(
      'rejects the period %p',
      (period) => {
        given(unitDecider, [unitRegistered]).when(setBudget(period, 40)).thenThrows('UNIT.INVALID_PERIOD');
      },
    );

    it('accepts zero hours and fractional hours', () => {
      given(unitDecider, [unitRegistered])
        .when(setBudget('2025-03', 0))
        .then([{ type: 'StaffTimeBudgetSet', data: { unitId: ids.unit, period: '2025-03', hours: 0 } }]);
      given(unitDecider, [unitRegistered])
        .when(setBudget('2025-03', 12.5))
        .then([{ type: 'StaffTimeBudgetSet', data: { unitId: ids.unit, period: '2025-03', hours: 12.5 } }]);
    });

    it.each([-0.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %p hours', (hours) => {
      given(unitDecider, [unitRegistered]).when(setBudget('2025-03', hours)).thenThrows('UNIT.INVALID_HOURS');
    });

    it('needs an existing unit', () => {
      given(unitDecider).when(setBudget('2025-03', 10)).thenThrows('UNIT.NOT_FOUND', 'not_found');
    });

    it('a later value for the same period replaces the earlier one', () => {
      const state = given(unitDecider, [
        unitRegistered,
        { type: 'StaffTimeBudgetSet', data: { unitId: ids.unit, period: '2025-Q1', hours: 100 } },
        { type: 'StaffTimeBudgetSet', data: { unitId: ids.unit, period: '2025-04', hours: 30 } },
      ])
        .when(setBudget('2025-Q1', 80))
        .then([{ type: 'StaffTimeBudgetSet', data: { unitId: ids.unit, period: '2025-Q1', hours: 80 } }]);
      expect(state).toMatchObject({ staffTimeBudgets: { '2025-Q1': 80, '2025-04': 30 } });
    });
  });
});
