import { ApiSchema } from '@nestjs/swagger';
import { INITIATIVE_KINDS, InitiativeKind } from '@koproduktiv/domain';
import { CommandDto, Email, Id, Int, LIMITS, Nested, OneOf, Phone, Text } from './shared.dto';

/** The initiative's contact person. Personal data: encrypted at rest, shredded on erasure. */
export class InitiativeContactDto {
  @Text(LIMITS.name, 'Full name of the contact person (personal data).', { example: 'Aylin Demir' })
  name!: string;

  @Email('E-mail address of the contact person (personal data).', {
    optional: true,
    example: 'a.demir@buergerverein-nordstadt.de',
  })
  email?: string;

  @Phone('Phone number of the contact person (personal data).', { optional: true, example: '+49 231 5558123' })
  phone?: string;
}

const CONTACT_DESCRIPTION =
  'Contact person of the initiative. PERSONAL DATA: stored encrypted, erased by crypto-shredding, hidden from analysts.';

@ApiSchema({
  description: 'Registers a civil-society initiative (Initiative, Verein, Wilde Allianz). Once per initiativeId.',
})
export class RegisterInitiativeDto extends CommandDto {
  @Id('Id of the new initiative, chosen by the caller (UUID v7 preferred) so that retries target the same stream.')
  initiativeId!: string;

  @Text(LIMITS.name, 'Name of the initiative, association or alliance.', { example: 'Bürgerverein Nordstadt e.V.' })
  name!: string;

  @OneOf(INITIATIVE_KINDS, 'Kind of civil-society actor.')
  kind!: InitiativeKind;

  @Text(LIMITS.label, 'District (Stadtteil, Ortsteil) the initiative is active in.', {
    optional: true,
    example: 'Nordstadt',
  })
  district?: string;

  @Nested(InitiativeContactDto, CONTACT_DESCRIPTION, { personalData: true })
  contact!: InitiativeContactDto;
}

@ApiSchema({
  description:
    'Changes the profile of an existing, not dissolved initiative. At least one of name, kind, district, contact must be given.',
})
export class UpdateInitiativeProfileDto extends CommandDto {
  @Id('Id of the initiative to update.')
  initiativeId!: string;

  @Text(LIMITS.name, 'New name of the initiative.', { optional: true })
  name?: string;

  @OneOf(INITIATIVE_KINDS, 'New kind of civil-society actor.', { optional: true })
  kind?: InitiativeKind;

  @Text(LIMITS.label, 'New district the initiative is active in.', { optional: true })
  district?: string;

  @Nested(InitiativeContactDto, `New contact person (replaces the old one entirely). ${CONTACT_DESCRIPTION}`, {
    optional: true,
    personalData: true,
  })
  contact?: InitiativeContactDto;
}

@ApiSchema({ description: 'Reports how many people are currently active in the initiative.' })
export class ReportActiveMembersDto extends CommandDto {
  @Id('Id of the initiative.')
  initiativeId!: string;

  @Int(0, LIMITS.activeMembers, 'Number of people currently active in the initiative.', { example: 14 })
  activeMembers!: number;
}

@ApiSchema({ description: 'Records that the initiative has dissolved (not if already dissolved).' })
export class DissolveInitiativeDto extends CommandDto {
  @Id('Id of the initiative that has dissolved.')
  initiativeId!: string;

  @Text(LIMITS.text, 'Why the initiative dissolved.', { personalData: true })
  reason!: string;
}

@ApiSchema({
  description:
    'Erases the initiative\'s contact person (every version ever stored) and the free text recorded about the initiative, by destroying their keys (crypto-shredding; DSGVO Art. 17). Role admin. Events stay and verify; the erased fields read as {"erased": true, "erasedAt": …} everywhere. Erasing again appends nothing.',
})
export class EraseInitiativeContactDto extends CommandDto {
  @Id('Id of the initiative whose contact is erased.')
  initiativeId!: string;

  @Text(
    LIMITS.text,
    'Why the contact is erased (e.g. the erasure request\'s reference, or "retention"). Kept readable: it must not contain personal data.',
  )
  reason!: string;
}
