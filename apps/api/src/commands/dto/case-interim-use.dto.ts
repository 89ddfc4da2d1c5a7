/** Case commands: interim use of properties (Zwischennutzung, Lizenz zum Ausprobieren). */
import { ApiSchema } from '@nestjs/swagger';
import { INTERIM_USE_END_REASONS, InterimUseEndReason, PROPERTY_KINDS, PropertyKind } from '@koproduktiv/domain';
import { Bool, CommandDto, Id, LIMITS, LocalDate, OneOf, Text, TextList } from './shared.dto';

@ApiSchema({
  description:
    'Agrees an interim use of a property (Zwischennutzung); endsOn must be after startsOn; moves the case to stage interim_use.',
})
export class AgreeInterimUseDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @Id('Id of the new interim-use agreement, chosen by the caller.')
  agreementId!: string;

  @Text(LIMITS.ref, 'Reference of the property (e.g. in the property register).', { example: 'LG-2026-0815' })
  propertyRef!: string;

  @OneOf(PROPERTY_KINDS, 'Kind of property.')
  propertyKind!: PropertyKind;

  @LocalDate('First day of the interim use.')
  startsOn!: string;

  @LocalDate('Last day of the interim use; must be after startsOn.')
  endsOn!: string;

  @Bool('Whether this is a "licence to try" (Lizenz zum Ausprobieren) with relaxed requirements.')
  licenceToTry!: boolean;

  @TextList(LIMITS.condition, 'Conditions of use (may be empty).', { personalData: true })
  conditions!: string[];
}

@ApiSchema({ description: 'Extends an active interim-use agreement; newEndsOn must be after the current endsOn.' })
export class ExtendInterimUseDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @Id('Id of the active interim-use agreement.')
  agreementId!: string;

  @LocalDate('New last day; must be after the current endsOn.')
  newEndsOn!: string;
}

@ApiSchema({ description: 'Ends an active interim-use agreement.' })
export class EndInterimUseDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @Id('Id of the active interim-use agreement.')
  agreementId!: string;

  @OneOf(INTERIM_USE_END_REASONS, 'Why the interim use ends.')
  reason!: InterimUseEndReason;
}
