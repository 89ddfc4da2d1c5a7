import { DynamicModule, Module } from '@nestjs/common';
import { auditReaderFor, EventStore } from '@koproduktiv/event-store';
import type { PersonalData } from '@koproduktiv/personal-data';
import { AuditController } from './audit.controller';
import { AUDIT_READER, AuditService, PERSONAL_DATA } from './audit.service';

/** The audit routes (/v1/audit), over the audit reader of the runtime's event store, whichever adapter it is. */
@Module({})
export class AuditModule {
  static forStore(store: EventStore, personalData: PersonalData): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditController],
      providers: [
        { provide: AUDIT_READER, useValue: auditReaderFor(store) },
        { provide: PERSONAL_DATA, useValue: personalData },
        AuditService,
      ],
      exports: [PERSONAL_DATA],
    };
  }
}
