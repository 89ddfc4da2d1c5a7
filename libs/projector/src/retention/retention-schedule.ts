import type { DataSubjectKind, DomainCommand } from '@koproduktiv/domain';
import type { Logger } from '@koproduktiv/platform';
import { retentionDue, RetentionDue } from '@koproduktiv/projections';
import type { Pool } from 'pg';
import type { CommandExecutor } from '@koproduktiv/application';

export const RETENTION_ACTOR = { subject: 'retention-schedule', role: 'admin' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

const commandFor = (kind: DataSubjectKind, id: string): DomainCommand =>
  kind === 'case-narratives'
    ? { type: 'ShredCaseNarratives', data: { caseId: id, reason: 'retention' } }
    : { type: 'EraseInitiativeContact', data: { initiativeId: id, reason: 'retention' } };

/**
 * Shreds what the retention period has run out on, through the ordinary command path (so each
 * erasure is an event with reason "retention", by the actor "retention-schedule"), once a day.
 * Idempotent: the Idempotency-Key names subject and closing time, and the deciders append nothing
 * for what is already erased.
 */
export class RetentionSchedule {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly executor: CommandExecutor,
    private readonly retentionYears: (tenant: string) => number,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  due(): Promise<RetentionDue[]> {
    return retentionDue(this.pool, this.clock(), this.retentionYears);
  }

  async runOnce(): Promise<RetentionDue[]> {
    const due = await this.due();
    for (const item of due) {
      await this.executor.execute({
        tenant: item.tenant,
        actor: RETENTION_ACTOR,
        command: commandFor(item.kind, item.id),
        correlationId: `retention-${item.kind}-${item.id}`,
        commandId: `retention-${item.kind}-${item.id}-${item.since}`,
        idempotencyKey: `retention:${item.kind}:${item.id}:${item.since}`,
      });
      this.logger.info(
        { tenant: item.tenant, subject: `${item.kind}/${item.id}`, since: item.since },
        'retention: personal data shredded',
      );
    }
    return due;
  }

  /** Runs now and then every day; a failed run is logged and retried the next day. */
  start(intervalMs = DAY_MS): void {
    const run = () => {
      this.running = this.runOnce().catch((error) =>
        this.logger.error({ err: error }, 'retention run failed; retried at the next run'),
      );
    };
    run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
