import { DynamicModule, Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { ReadModelQueries } from '@koproduktiv/projections';
import { AnalyticsController } from './analytics.controller';
import { CasesController } from './cases.controller';
import { READ_MODEL_QUERIES } from './query-support';
import { METRICS_SETTINGS, metricsSettingsFromEnv } from './settings';

/** The analysts' read side: read models and metrics, scoped to the token's tenant, without personal data. */
@Module({})
export class QueriesModule {
  static forPool(pool: Pool): DynamicModule {
    const settingsFor = metricsSettingsFromEnv();
    return {
      module: QueriesModule,
      controllers: [CasesController, AnalyticsController],
      providers: [
        { provide: METRICS_SETTINGS, useValue: settingsFor },
        { provide: READ_MODEL_QUERIES, useValue: new ReadModelQueries(pool, settingsFor) },
      ],
    };
  }
}
