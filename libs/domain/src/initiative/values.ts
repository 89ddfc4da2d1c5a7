export const INITIATIVE_KINDS = [
  'association',
  'citizens_initiative',
  'informal_alliance',
  'cooperative',
  'social_enterprise',
  'other',
] as const;
export type InitiativeKind = (typeof INITIATIVE_KINDS)[number];

/** The initiative's contact person. Personal data: stored encrypted, shredded on erasure. */
export type InitiativeContact = Readonly<{
  name: string;
  email?: string;
  phone?: string;
}>;
