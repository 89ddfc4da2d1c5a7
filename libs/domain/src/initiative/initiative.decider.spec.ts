import { given, ids, initiativeRegistered } from '../testing';
import { InitiativeCommand } from './commands';
import { InitiativeEvent } from './events';
import { initiativeDecider } from './initiative.decider';

const register: InitiativeCommand = {
  type: 'RegisterInitiative',
  data: {
    initiativeId: ids.initiative,
    name: 'Kulturbahnhof e.V.',
    kind: 'association',
    district: 'Altstadt',
    contact: { name: 'Erika Mustermann', email: 'erika@example.org' },
  },
};
const dissolved: InitiativeEvent = {
  type: 'InitiativeDissolved',
  data: { initiativeId: ids.initiative, reason: 'Ziel erreicht' },
};
const update = (data: Omit<Extract<InitiativeCommand, { type: 'UpdateInitiativeProfile' }>['data'], 'initiativeId'>) =>
  ({ type: 'UpdateInitiativeProfile', data: { initiativeId: ids.initiative, ...data } }) as const;
const report = (activeMembers: number) =>
  ({ type: 'ReportActiveMembers', data: { initiativeId: ids.initiative, activeMembers } }) as const;

describe('initiative decider', () => {
  describe('RegisterInitiative', () => {
    it('registers a new initiative', () => {
      const state = given(initiativeDecider).when(register).then([initiativeRegistered]);
      expect(state).toMatchObject({ status: 'active', activeMembers: null, profile: { name: 'Kulturbahnhof e.V.' } });
    });

    it('omits optional fields that were not given, also inside contact', () => {
      given(initiativeDecider)
        .when({
          type: 'RegisterInitiative',
          data: {
            initiativeId: ids.initiative,
            name: 'Wilde Allianz Nord',
            kind: 'informal_alliance',
            district: undefined,
            contact: { name: 'Max', email: undefined, phone: '+49 30 1234' },
          },
        })
        .then([
          {
            type: 'InitiativeRegistered',
            data: {
              initiativeId: ids.initiative,
              name: 'Wilde Allianz Nord',
              kind: 'informal_alliance',
              contact: { name: 'Max', phone: '+49 30 1234' },
            },
          },
        ]);
    });

    it('is rejected once the id is registered', () => {
      given(initiativeDecider, [initiativeRegistered]).when(register).thenThrows('INITIATIVE.ALREADY_REGISTERED');
    });
  });

  describe('UpdateInitiativeProfile', () => {
    it('emits only the fields given', () => {
      const state = given(initiativeDecider, [initiativeRegistered])
        .when(update({ kind: 'cooperative', contact: { name: 'Eva' } }))
        .then([
          {
            type: 'InitiativeProfileUpdated',
            data: { initiativeId: ids.initiative, kind: 'cooperative', contact: { name: 'Eva' } },
          },
        ]);
      expect(state).toMatchObject({
        profile: { name: 'Kulturbahnhof e.V.', kind: 'cooperative', district: 'Altstadt' },
      });
    });

    it('renames and moves an initiative', () => {
      const state = given(initiativeDecider, [initiativeRegistered])
        .when(update({ name: 'Kulturbahnhof eG', district: 'Neustadt' }))
        .then([
          {
            type: 'InitiativeProfileUpdated',
            data: { initiativeId: ids.initiative, name: 'Kulturbahnhof eG', district: 'Neustadt' },
          },
        ]);
      expect(state).toMatchObject({ profile: { name: 'Kulturbahnhof eG', kind: 'association', district: 'Neustadt' } });
    });

    it('needs at least one field', () => {
      given(initiativeDecider, [initiativeRegistered])
        .when(update({ name: undefined }))
        .thenThrows('INITIATIVE.NOTHING_TO_UPDATE');
    });

    it('needs an existing initiative', () => {
      given(initiativeDecider)
        .when(update({ name: 'X' }))
        .thenThrows('INITIATIVE.NOT_FOUND', 'not_found');
    });

    it('is rejected for a dissolved initiative', () => {
      given(initiativeDecider, [initiativeRegistered, dissolved])
        .when(update({ name: 'X' }))
        .thenThrows('INITIATIVE.DISSOLVED');
    });
  });

  describe('ReportActiveMembers', () => {
    it.each([0, 1, 250])('accepts %i members', (activeMembers) => {
      const state = given(initiativeDecider, [initiativeRegistered])
        .when(report(activeMembers))
        .then([{ type: 'ActiveMembersReported', data: { initiativeId: ids.initiative, activeMembers } }]);
      expect(state).toMatchObject({ activeMembers });
    });

    it.each([-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %p', (activeMembers) => {
      const error = given(initiativeDecider, [initiativeRegistered])
        .when(report(activeMembers))
        .thenThrows('INITIATIVE.INVALID_ACTIVE_MEMBERS');
      expect(error.details).toEqual({ activeMembers });
    });

    it('needs an existing initiative', () => {
      given(initiativeDecider).when(report(3)).thenThrows('INITIATIVE.NOT_FOUND', 'not_found');
    });

    it('is still accepted after dissolution (reports are often entered after the fact)', () => {
      given(initiativeDecider, [initiativeRegistered, dissolved])
        .when(report(0))
        .then([{ type: 'ActiveMembersReported', data: { initiativeId: ids.initiative, activeMembers: 0 } }]);
    });
  });

  describe('DissolveInitiative', () => {
    const dissolve = {
      type: 'DissolveInitiative',
      data: { initiativeId: ids.initiative, reason: 'Ziel erreicht' },
    } as const;

    it('dissolves an active initiative', () => {
      const state = given(initiativeDecider, [initiativeRegistered]).when(dissolve).then([dissolved]);
      expect(state.status).toBe('dissolved');
    });

    it('is rejected when already dissolved', () => {
      given(initiativeDecider, [initiativeRegistered, dissolved]).when(dissolve).thenThrows('INITIATIVE.DISSOLVED');
    });

    it('needs an existing initiative', () => {
      given(initiativeDecider).when(dissolve).thenThrows('INITIATIVE.NOT_FOUND', 'not_found');
    });
  });

  it('aggregateIdOf returns the initiative id', () => {
    expect(initiativeDecider.aggregateIdOf(register)).toBe(ids.initiative);
  });
});
