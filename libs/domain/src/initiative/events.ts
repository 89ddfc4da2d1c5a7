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

export type ActiveMembersReported = Message<
  'ActiveMembersReported',
  { initiativeId: string; activeMembers: number }
>;

export type InitiativeDissolved = Message<'InitiativeDissolved', { initiativeId: string; reason: string }>;

export type InitiativeEvent =
  | InitiativeRegistered
  | InitiativeProfileUpdated
  | ActiveMembersReported
  | InitiativeDissolved;

export const INITIATIVE_EVENT_TYPES = [
  'InitiativeRegistered',
  'InitiativeProfileUpdated',
  'ActiveMembersReported',
  'InitiativeDissolved',
] as const satisfies readonly InitiativeEvent['type'][];
