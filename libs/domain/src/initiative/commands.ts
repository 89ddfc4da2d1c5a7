import { Message } from '../shared';
import { InitiativeContact, InitiativeKind } from './values';

export type RegisterInitiative = Message<
  'RegisterInitiative',
  {
    initiativeId: string;
    name: string;
    kind: InitiativeKind;
    district?: string;
    contact: InitiativeContact;
  }
>;

export type UpdateInitiativeProfile = Message<
  'UpdateInitiativeProfile',
  {
    initiativeId: string;
    name?: string;
    kind?: InitiativeKind;
    district?: string;
    contact?: InitiativeContact;
  }
>;

export type ReportActiveMembers = Message<'ReportActiveMembers', { initiativeId: string; activeMembers: number }>;

export type DissolveInitiative = Message<'DissolveInitiative', { initiativeId: string; reason: string }>;

/** Crypto-shreds every version of the contact (and the free text about the initiative); role admin. */
export type EraseInitiativeContact = Message<'EraseInitiativeContact', { initiativeId: string; reason: string }>;

export type InitiativeCommand =
  RegisterInitiative | UpdateInitiativeProfile | ReportActiveMembers | DissolveInitiative | EraseInitiativeContact;

export const INITIATIVE_COMMAND_TYPES = [
  'RegisterInitiative',
  'UpdateInitiativeProfile',
  'ReportActiveMembers',
  'DissolveInitiative',
  'EraseInitiativeContact',
] as const satisfies readonly InitiativeCommand['type'][];
