import { unitDecider } from '../unit';
import { given } from './decider-spec';
import { ids, unitRegistered } from './fixtures';

const register = {
  type: 'RegisterUnit',
  data: { unitId: ids.unit, name: 'Anlaufstelle Bürgerengagement', isContactPoint: true },
} as const;

describe('given/when/then helper', () => {
  it('fails when the events differ', () => {
    expect(() =>
      given(unitDecider)
        .when(register)
        .then([{ ...unitRegistered, data: { ...unitRegistered.data, name: 'X' } }]),
    ).toThrow();
  });

  it('fails when an expected field is undefined instead of missing', () => {
    expect(() =>
      given(unitDecider)
        .when(register)
        .then([
          { ...unitRegistered, data: { ...unitRegistered.data, extra: undefined } as typeof unitRegistered.data },
        ]),
    ).toThrow();
  });

  it('fails when a command expected to throw succeeds', () => {
    expect(() => given(unitDecider).when(register).thenThrows('UNIT.ALREADY_REGISTERED')).toThrow(/Expected UNIT/);
  });

  it('fails when the code or the kind differ', () => {
    expect(() => given(unitDecider, [unitRegistered]).when(register).thenThrows('UNIT.NOT_FOUND')).toThrow();
    expect(() =>
      given(unitDecider, [unitRegistered]).when(register).thenThrows('UNIT.ALREADY_REGISTERED', 'not_found'),
    ).toThrow();
  });
});
