import { Message } from '../shared';
import { InitiativeContact, InitiativeKind } from './values';

export type InitiativeRegistered = Message<
  'InitiativeRegistered',
  {
    initiativeId: string;
    name: string;
    kind: InitiativeKind;
    district?: string;
    contact: InitiativeContact;
  }
>;

/** Carries only the fields that changed. */
export type InitiativeProfileUpdated = Message<
  'InitiativeProfileUpdated',
  {
    initiativeId: string;
    name?: string;
    kind?: InitiativeKind;
    district?: string;
    contact?: InitiativeContact;
  }
>;

export type ActiveMembersReported = Message<'ActiveMembersReported', { initiativeId: string; activeMembers: number }>;

export type InitiativeDissolved = Message<'InitiativeDissolved', { initiativeId: string; reason: string }>;

/** The keys of the contact (all its versions) are destroyed; what they sealed reads as erased. */
export type InitiativeContactErased = Message<'InitiativeContactErased', { initiativeId: string; reason: string }>;

export type InitiativeEvent =
  | InitiativeRegistered
  | InitiativeProfileUpdated
  | ActiveMembersReported
  | InitiativeDissolved
  | InitiativeContactErased;

export const INITIATIVE_EVENT_TYPES = [
  'InitiativeRegistered',
  'InitiativeProfileUpdated',
  'ActiveMembersReported',
  'InitiativeDissolved',
  'InitiativeContactErased',
] as const satisfies readonly InitiativeEvent['type'][];
