import type { DomainCommandType } from '@koproduktiv/domain';
import type { Role } from '@koproduktiv/platform';

/**
 * Erasure destroys data for good, so it is the data-protection administrator's (role admin), not
 * the clerk's who sends every other command.
 */
export const ADMIN_COMMAND_TYPES = [
  'EraseInitiativeContact',
  'ShredCaseNarratives',
] as const satisfies readonly DomainCommandType[];

export const commandRole = (type: DomainCommandType): Role =>
  (ADMIN_COMMAND_TYPES as readonly string[]).includes(type) ? 'admin' : 'clerk';
