import { InitiativeContact, InitiativeKind } from './values';

export type InitiativeProfile = Readonly<{
  name: string;
  kind: InitiativeKind;
  district?: string;
  contact: InitiativeContact;
}>;

export type InitiativeState =
  | Readonly<{ status: 'unregistered' }>
  | Readonly<{
      status: 'active' | 'dissolved';
      initiativeId: string;
      profile: InitiativeProfile;
      /** Latest reported count, null before the first report. */
      activeMembers: number | null;
    }>;

export type RegisteredInitiative = Extract<InitiativeState, { status: 'active' | 'dissolved' }>;

export const initialInitiativeState = (): InitiativeState => ({ status: 'unregistered' });
