/** The command path lives in libs/runtime (the CLI's demo data uses it too; apps do not import each other). */
export { CommandExecutor } from '@koproduktiv/runtime';
