import { DynamicModule, Module } from '@nestjs/common';
import { auditReaderFor, EventStore } from '@koproduktiv/event-store';
import { AuditController } from './audit.controller';
import { AUDIT_READER, AuditService } from './audit.service';

/** The audit routes (/v1/audit), over the audit reader of the runtime's event store, whichever adapter it is. */
@Module({})
export class AuditModule {
  static forStore(store: EventStore): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditController],
      providers: [{ provide: AUDIT_READER, useValue: auditReaderFor(store) }, AuditService],
    };
  }
}
