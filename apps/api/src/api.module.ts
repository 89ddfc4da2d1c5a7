import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { EVENT_STORE, EventStore } from '@koproduktiv/event-store';
import { createMetricsRegistry, IDEMPOTENCY_STORE, IdempotencyStore } from '@koproduktiv/platform';
import { AuditModule } from './audit/audit.module';
import { QueriesModule } from './queries/queries.module';
import { CaseFiles } from './queries/case-file';
import { AdminController, REBUILD_JOB } from './admin/admin.controller';
import { RebuildJob } from './admin/rebuild-job';
import { AccessLogController } from './admin/access-log.controller';
import { CommandExecutor } from '@koproduktiv/application';
import { buildCommandsController } from './commands/commands-controller.factory';
import { commandDtos } from './commands/dto';
import { HealthController, READINESS_CHECK } from './health/health.controller';
import { AuthGuard, TOKEN_VERIFIER } from './http/auth.guard';
import { MetricsController, METRICS_REGISTRY } from './health/metrics.controller';
import { PROCESSOR_STATUSES, ProcessorStatuses } from './health/processor-statuses';
import type { Registry } from 'prom-client';
import type { ReadModelQueries } from '@koproduktiv/projections';
import { READ_MODEL_QUERIES } from './queries/query-support';
import { registerCaseHistoryCacheMetrics } from './queries/case-history-cache-metrics';
import { registerFundStatementCacheMetrics } from './queries/fund-statement-cache-metrics';
import type { Runtime } from '@koproduktiv/runtime';
import type { TenantRules } from '@koproduktiv/domain';
import type { MetricsSettings } from '@koproduktiv/metrics';
import type { ConsoleOptions } from './console/console-options';
import { DEV_TOKENS, DevSignInController, DevTokenIssuer } from './console/dev-sign-in.controller';

/** What the HTTP application needs; the projector's statuses only when it runs in this process. */
export type ApiRuntime = Pick<Runtime, 'store' | 'idempotency' | 'personalData' | 'verifier' | 'ready' | 'pool'> & {
  readonly processors?: ProcessorStatuses;
  /** Called after every successful append (wakes an in-process projector). */
  readonly onAppended?: () => void;
  /** Adds the in-process processors' own counters to /metrics. */
  readonly registerMetrics?: (registry: Registry) => void;
  /** Budget of the case history cache (CASE_HISTORY_CACHE_MB); the queries' default without it. */
  readonly caseHistoryCacheBytes?: number;
  /** Each municipality's rules for its commands (GRANT_SETTINGS); the defaults without it. */
  readonly tenantRules?: (tenant: string) => TenantRules;
  /** Each municipality's metric settings (METRICS_SETTINGS); METRICS.md's defaults without it. */
  readonly metricsSettings?: (tenant: string) => MetricsSettings;
  /** The built console, served under /console (absent when it was not built). */
  readonly console?: ConsoleOptions;
  /** Only on the embedded default: issues the console's development sign-in tokens (POST /v1/dev/sign-in). */
  readonly devTokens?: DevTokenIssuer;
  /** "Now" of the read side (tests move it); the system clock without it. */
  readonly clock?: () => Date;
};

@Module({})
export class ApiModule {
  static forRuntime(runtime: ApiRuntime): DynamicModule {
    const processors = runtime.processors ?? (() => []);
    return {
      module: ApiModule,
      imports: [
        AuditModule.forStore(runtime.store, runtime.personalData),
        QueriesModule.forPool(
          runtime.pool,
          runtime.caseHistoryCacheBytes,
          runtime.clock,
          new CaseFiles(runtime.store, runtime.personalData),
          runtime.metricsSettings,
        ),
      ],
      controllers: [
        buildCommandsController(commandDtos),
        HealthController,
        MetricsController,
        AdminController,
        AccessLogController,
        ...(runtime.devTokens ? [DevSignInController] : []),
      ],
      providers: [
        { provide: EVENT_STORE, useValue: runtime.store },
        { provide: IDEMPOTENCY_STORE, useValue: runtime.idempotency },
        { provide: TOKEN_VERIFIER, useValue: runtime.verifier },
        { provide: READINESS_CHECK, useValue: runtime.ready },
        { provide: PROCESSOR_STATUSES, useValue: processors },
        { provide: REBUILD_JOB, useValue: new RebuildJob(runtime.store, runtime.pool) },
        {
          provide: METRICS_REGISTRY,
          inject: [READ_MODEL_QUERIES],
          useFactory: (queries: ReadModelQueries) => {
            const registry = createMetricsRegistry(processors);
            registerCaseHistoryCacheMetrics(registry, queries.historyCache);
            registerFundStatementCacheMetrics(registry, queries.fundStatementCache);
            runtime.registerMetrics?.(registry);
            return registry;
          },
        },
        {
          provide: CommandExecutor,
          useFactory: (store: EventStore, idempotency: IdempotencyStore) =>
            new CommandExecutor(store, idempotency, runtime.personalData.codec, {
              onAppended: runtime.onAppended,
              tenantRules: runtime.tenantRules,
            }),
          inject: [EVENT_STORE, IDEMPOTENCY_STORE],
        },
        ...(runtime.devTokens ? [{ provide: DEV_TOKENS, useValue: runtime.devTokens }] : []),
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
