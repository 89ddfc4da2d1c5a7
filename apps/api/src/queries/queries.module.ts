import { DynamicModule, Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { MetricsSettings, resolveMetricsSettings } from '@koproduktiv/metrics';
import { CaseHistoryCache, DEFAULT_CASE_HISTORY_CACHE_BYTES, ReadModelQueries } from '@koproduktiv/projections';
import { AnalyticsController } from './analytics.controller';
import { CasesController } from './cases.controller';
import { WorklistController } from './worklist.controller';
import { FundsController } from './funds.controller';
import { DIRECTORY_POOL, DirectoryController } from './directory.controller';
import { READ_MODEL_QUERIES } from './query-support';
import { CASE_FILES, CaseFiles } from './case-file';
import { METRICS_SETTINGS } from './settings';
import { STAFF_PSEUDONYMS, StaffPseudonyms } from './staff-pseudonyms';
import { installationSecret } from '@koproduktiv/platform';

/**
 * The read side: read models and metrics for analysts, scoped to the token's tenant, without personal data and with
 * employees' identifiers pseudonymised; the case file and the worklist for clerks.
 */
@Module({})
export class QueriesModule {
  static forPool(
    pool: Pool,
    caseHistoryCacheBytes = DEFAULT_CASE_HISTORY_CACHE_BYTES,
    clock?: () => Date,
    caseFiles?: CaseFiles,
    metricsSettings?: (tenant: string) => MetricsSettings,
  ): DynamicModule {
    const defaults = resolveMetricsSettings();
    const settingsFor = metricsSettings ?? (() => defaults);
    return {
      module: QueriesModule,
      controllers: [CasesController, AnalyticsController, FundsController, WorklistController, DirectoryController],
      exports: [READ_MODEL_QUERIES],
      providers: [
        { provide: METRICS_SETTINGS, useValue: settingsFor },
        { provide: CASE_FILES, useValue: caseFiles },
        { provide: DIRECTORY_POOL, useValue: pool },
        {
          provide: STAFF_PSEUDONYMS,
          useValue: new StaffPseudonyms(() => installationSecret(pool, 'staff-pseudonyms')),
        },
        {
          provide: READ_MODEL_QUERIES,
          useValue: new ReadModelQueries(pool, settingsFor, clock, new CaseHistoryCache(caseHistoryCacheBytes)),
        },
      ],
    };
  }
}
