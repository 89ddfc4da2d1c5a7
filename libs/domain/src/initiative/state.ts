import { InitiativeKind } from './values';

/** What decisions need of the profile; the contact is personal data and no rule reads it, so the state does not keep it. */
export type InitiativeProfile = Readonly<{
  name: string;
  kind: InitiativeKind;
  district?: string;
}>;

export type InitiativeState =
  | Readonly<{ status: 'unregistered' }>
  | Readonly<{
      status: 'active' | 'dissolved';
      initiativeId: string;
      profile: InitiativeProfile;
      /** Latest reported count, null before the first report. */
      activeMembers: number | null;
      /** `held` while a contact given since the last erasure is stored; `erased` after EraseInitiativeContact. */
      personalData: 'held' | 'erased';
    }>;

export type RegisteredInitiative = Extract<InitiativeState, { status: 'active' | 'dissolved' }>;

export const initialInitiativeState = (): InitiativeState => ({ status: 'unregistered' });
