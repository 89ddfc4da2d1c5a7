import type { ProcessorGaugeSource } from '@koproduktiv/platform';

export const PROCESSOR_STATUSES = Symbol('PROCESSOR_STATUSES');
/** The processors this process runs (none when the projector runs elsewhere). */
export type ProcessorStatuses = () => readonly (ProcessorGaugeSource & { lastError?: string })[];
