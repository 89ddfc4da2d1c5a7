import { assertNever } from '../shared';
import { InitiativeEvent } from './events';
import { InitiativeState } from './state';

export const evolveInitiative = (state: InitiativeState, event: InitiativeEvent): InitiativeState => {
  switch (event.type) {
    case 'InitiativeRegistered': {
      const { initiativeId, ...profile } = event.data;
      return { status: 'active', initiativeId, profile, activeMembers: null };
    }
    case 'InitiativeProfileUpdated': {
      if (state.status === 'unregistered') return state;
      const { initiativeId: _id, ...changes } = event.data;
      return { ...state, profile: { ...state.profile, ...changes } };
    }
    case 'ActiveMembersReported':
      if (state.status === 'unregistered') return state;
      return { ...state, activeMembers: event.data.activeMembers };
    case 'InitiativeDissolved':
      if (state.status === 'unregistered') return state;
      return { ...state, status: 'dissolved' };
    default:
      return assertNever(event, 'initiative event');
  }
};
