import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@koproduktiv/event-store';
import { IDEMPOTENCY_STORE, IdempotencyStore } from '@koproduktiv/platform';
import { CommandExecutor } from './commands/command-executor';
import { buildCommandsController } from './commands/commands-controller.factory';
import { commandDtos } from './commands/dto';
import { ExecuteDomainCommandHandler } from './commands/execute-command.handler';
import { HealthController, READINESS_CHECK } from './health/health.controller';
import { AuthGuard, TOKEN_VERIFIER } from './http/auth.guard';
import type { Runtime } from './runtime/runtime';

@Module({})
export class ApiModule {
  static forRuntime(runtime: Pick<Runtime, 'store' | 'idempotency' | 'verifier' | 'ready'>): DynamicModule {
    return {
      module: ApiModule,
      imports: [CqrsModule.forRoot()],
      controllers: [buildCommandsController(commandDtos), HealthController],
      providers: [
        { provide: EVENT_STORE, useValue: runtime.store },
        { provide: IDEMPOTENCY_STORE, useValue: runtime.idempotency },
        { provide: TOKEN_VERIFIER, useValue: runtime.verifier },
        { provide: READINESS_CHECK, useValue: runtime.ready },
        {
          provide: CommandExecutor,
          useFactory: (store: EventStore, idempotency: IdempotencyStore) => new CommandExecutor(store, idempotency),
          inject: [EVENT_STORE, IDEMPOTENCY_STORE],
        },
        ExecuteDomainCommandHandler,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
