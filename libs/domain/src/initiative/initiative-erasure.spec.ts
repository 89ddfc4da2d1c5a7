import { given, ids, initiativeRegistered } from '../testing';
import { InitiativeCommand } from './commands';
import { InitiativeEvent } from './events';
import { initiativeDecider } from './initiative.decider';

const erase: InitiativeCommand = {
  type: 'EraseInitiativeContact',
  data: { initiativeId: ids.initiative, reason: 'Art. 17 DSGVO, Az. 14' },
};
const erased: InitiativeEvent = {
  type: 'InitiativeContactErased',
  data: { initiativeId: ids.initiative, reason: 'Art. 17 DSGVO, Az. 14' },
};
const dissolved: InitiativeEvent = {
  type: 'InitiativeDissolved',
  data: { initiativeId: ids.initiative, reason: 'Ziel erreicht' },
};
const newContact: InitiativeEvent = {
  type: 'InitiativeProfileUpdated',
  data: { initiativeId: ids.initiative, contact: { name: 'Jana Neu' } },
};
const renamed: InitiativeEvent = {
  type: 'InitiativeProfileUpdated',
  data: { initiativeId: ids.initiative, name: 'Kulturbahnhof eG' },
};

describe('initiative decider: EraseInitiativeContact', () => {
  it('holds the contact of a registered initiative until it is erased', () => {
    expect(given(initiativeDecider, [initiativeRegistered]).state).toMatchObject({ personalData: 'held' });
  });

  it('erases the contact of a registered initiative', () => {
    const state = given(initiativeDecider, [initiativeRegistered]).when(erase).then([erased]);
    expect(state).toMatchObject({ status: 'active', personalData: 'erased' });
  });

  it('erases the contact of a dissolved initiative too (retention runs after dissolution)', () => {
    given(initiativeDecider, [initiativeRegistered, dissolved]).when(erase).then([erased]);
  });

  it('appends nothing when everything is already erased', () => {
    given(initiativeDecider, [initiativeRegistered, erased]).when(erase).then([]);
    given(initiativeDecider, [initiativeRegistered, erased, renamed]).when(erase).then([]);
  });

  it('erases again once a new contact or a dissolution reason was stored after the erasure', () => {
    for (const stored of [newContact, dissolved]) {
      const after = given(initiativeDecider, [initiativeRegistered, erased, stored]);
      expect(after.state).toMatchObject({ personalData: 'held' });
      after.when(erase).then([erased]);
    }
  });

  it('refuses an initiative that was never registered (404)', () => {
    given(initiativeDecider, []).when(erase).thenThrows('INITIATIVE.NOT_FOUND', 'not_found');
  });

  it('keeps no contact in the state: no rule reads it', () => {
    expect(JSON.stringify(given(initiativeDecider, [initiativeRegistered, newContact]).state)).not.toMatch(
      /contact|Jana|Mustermann/,
    );
  });
});
