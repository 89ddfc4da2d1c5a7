import { assertNever } from '../shared';
import { InitiativeEvent } from './events';
import { InitiativeState } from './state';

export const evolveInitiative = (state: InitiativeState, event: InitiativeEvent): InitiativeState => {
  switch (event.type) {
    case 'InitiativeRegistered': {
      const { initiativeId, contact: _personal, ...profile } = event.data;
      return { status: 'active', initiativeId, profile, activeMembers: null, personalData: 'held' };
    }
    case 'InitiativeProfileUpdated': {
      if (state.status === 'unregistered') return state;
      const { initiativeId: _id, contact, ...changes } = event.data;
      return {
        ...state,
        profile: { ...state.profile, ...changes },
        personalData: contact === undefined ? state.personalData : 'held',
      };
    }
    case 'ActiveMembersReported':
      if (state.status === 'unregistered') return state;
      return { ...state, activeMembers: event.data.activeMembers };
    case 'InitiativeDissolved':
      if (state.status === 'unregistered') return state;
      return { ...state, status: 'dissolved', personalData: 'held' };
    case 'InitiativeContactErased':
      if (state.status === 'unregistered') return state;
      return { ...state, personalData: 'erased' };
    default:
      return assertNever(event, 'initiative event');
  }
};
