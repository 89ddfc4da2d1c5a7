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

export type ReportActiveMembers = Message<
  'ReportActiveMembers',
  { initiativeId: string; activeMembers: number }
>;

export type DissolveInitiative = Message<'DissolveInitiative', { initiativeId: string; reason: string }>;

export type InitiativeCommand =
  | RegisterInitiative
  | UpdateInitiativeProfile
  | ReportActiveMembers
  | DissolveInitiative;

export const INITIATIVE_COMMAND_TYPES = [
  'RegisterInitiative',
  'UpdateInitiativeProfile',
  'ReportActiveMembers',
  'DissolveInitiative',
] as const satisfies readonly InitiativeCommand['type'][];
