import { CommandHandler, ICommand, ICommandHandler } from '@nestjs/cqrs';
import { CommandEnvelope, CommandExecutor, CommandResult } from '@koproduktiv/runtime';

/** The one CQRS command every domain command travels in; the domain's catalog routes it further. */
export class ExecuteDomainCommand implements ICommand {
  constructor(readonly envelope: CommandEnvelope) {}
}

@CommandHandler(ExecuteDomainCommand)
export class ExecuteDomainCommandHandler implements ICommandHandler<ExecuteDomainCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ envelope }: ExecuteDomainCommand): Promise<CommandResult> {
    return this.executor.execute(envelope);
  }
}
