import { assertNever, DomainError, optional } from '../shared';
import {
  DissolveInitiative,
  EraseInitiativeContact,
  InitiativeCommand,
  RegisterInitiative,
  ReportActiveMembers,
  UpdateInitiativeProfile,
} from './commands';
import { InitiativeErrors } from './errors';
import { InitiativeEvent } from './events';
import { InitiativeState, RegisteredInitiative } from './state';
import { InitiativeContact } from './values';

export const decideInitiative = (command: InitiativeCommand, state: InitiativeState): InitiativeEvent[] => {
  switch (command.type) {
    case 'RegisterInitiative':
      return register(command, state);
    case 'UpdateInitiativeProfile':
      return updateProfile(command, requireActive(state, command.data.initiativeId));
    case 'ReportActiveMembers':
      return reportActiveMembers(command, requireRegistered(state, command.data.initiativeId));
    case 'DissolveInitiative':
      return dissolve(command, requireActive(state, command.data.initiativeId));
    case 'EraseInitiativeContact':
      return eraseContact(command, requireRegistered(state, command.data.initiativeId));
    default:
      return assertNever(command, 'initiative command');
  }
};

/** A copy without `undefined` members, so that event data stays JSON-clean. */
export const normaliseContact = (contact: InitiativeContact): InitiativeContact => ({
  name: contact.name,
  ...optional('email', contact.email),
  ...optional('phone', contact.phone),
});

const register = ({ data }: RegisterInitiative, state: InitiativeState): InitiativeEvent[] => {
  if (state.status !== 'unregistered') {
    throw new DomainError(
      InitiativeErrors.ALREADY_REGISTERED,
      `Initiative ${data.initiativeId} is already registered`,
      'rule_violated',
      { initiativeId: data.initiativeId },
    );
  }
  return [
    {
      type: 'InitiativeRegistered',
      data: {
        initiativeId: data.initiativeId,
        name: data.name,
        kind: data.kind,
        ...optional('district', data.district),
        contact: normaliseContact(data.contact),
      },
    },
  ];
};

const updateProfile = ({ data }: UpdateInitiativeProfile, _state: RegisteredInitiative): InitiativeEvent[] => {
  const changes = {
    ...optional('name', data.name),
    ...optional('kind', data.kind),
    ...optional('district', data.district),
    ...optional('contact', data.contact === undefined ? undefined : normaliseContact(data.contact)),
  };
  if (Object.keys(changes).length === 0) {
    throw new DomainError(
      InitiativeErrors.NOTHING_TO_UPDATE,
      'UpdateInitiativeProfile needs at least one of name, kind, district, contact',
      'rule_violated',
      { initiativeId: data.initiativeId },
    );
  }
  return [{ type: 'InitiativeProfileUpdated', data: { initiativeId: data.initiativeId, ...changes } }];
};

const reportActiveMembers = ({ data }: ReportActiveMembers, _state: RegisteredInitiative): InitiativeEvent[] => {
  if (!Number.isSafeInteger(data.activeMembers) || data.activeMembers < 0) {
    throw new DomainError(
      InitiativeErrors.INVALID_ACTIVE_MEMBERS,
      'activeMembers must be an integer >= 0',
      'rule_violated',
      { activeMembers: data.activeMembers },
    );
  }
  return [
    { type: 'ActiveMembersReported', data: { initiativeId: data.initiativeId, activeMembers: data.activeMembers } },
  ];
};

const dissolve = ({ data }: DissolveInitiative, _state: RegisteredInitiative): InitiativeEvent[] => [
  { type: 'InitiativeDissolved', data: { initiativeId: data.initiativeId, reason: data.reason } },
];

/** Erasing what is already erased appends nothing: a repeated request (or the retention schedule) is a no-op. */
const eraseContact = ({ data }: EraseInitiativeContact, state: RegisteredInitiative): InitiativeEvent[] =>
  state.personalData === 'erased'
    ? []
    : [{ type: 'InitiativeContactErased', data: { initiativeId: data.initiativeId, reason: data.reason } }];

const requireRegistered = (state: InitiativeState, initiativeId: string): RegisteredInitiative => {
  if (state.status === 'unregistered') {
    throw new DomainError(InitiativeErrors.NOT_FOUND, `Initiative ${initiativeId} does not exist`, 'not_found', {
      initiativeId,
    });
  }
  return state;
};

const requireActive = (state: InitiativeState, initiativeId: string): RegisteredInitiative => {
  const registered = requireRegistered(state, initiativeId);
  if (registered.status === 'dissolved') {
    throw new DomainError(InitiativeErrors.DISSOLVED, `Initiative ${initiativeId} is dissolved`, 'rule_violated', {
      initiativeId,
    });
  }
  return registered;
};
