/**
 * "Where is …?": for every command of the domain catalogue, the files a change to it touches — its
 * DTO, the decider file that decides it, the events it can emit, and the files that read each event
 * (read models, metrics, the Kafka relay, process managers). Generated into docs/WHERE-IS.md by
 * `npm run docs:where-is`; test/docs/where-is.spec.ts fails when the file is stale.
 *
 * The decider files are read with the TypeScript parser: a command's handler is the function whose
 * first parameter is typed with the command (`({ data }: SubmitRequest, …)`) or the `case '<Command>'`
 * of a switch; its events are the `type: '<Event>'` literals in it and in the functions it calls.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { commandCatalog, DomainCommandType, DomainEventType, eventCatalog } from '@koproduktiv/domain';
import { PUBLISHED_FIELDS } from '@koproduktiv/messaging';
import { commandDtos } from '../../apps/api/src/commands/dto';

const ROOT = join(__dirname, '..', '..');

/** Where the events are read, in the order the document lists them. */
const READERS: readonly { label: string; dir: string }[] = [
  { label: 'read models', dir: 'libs/projections/src' },
  { label: 'metrics', dir: 'libs/metrics/src' },
  { label: 'Kafka relay', dir: 'libs/messaging/src' },
  { label: 'command path', dir: 'libs/application/src' },
  { label: 'projector', dir: 'libs/projector/src' },
  { label: 'apps', dir: 'apps' },
];

const sourceFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? entry.name === 'testing' || entry.name === 'node_modules'
          ? []
          : sourceFiles(join(dir, entry.name))
        : /\.tsx?$/.test(entry.name) && !/spec\.tsx?$/.test(entry.name)
          ? [join(dir, entry.name)]
          : [],
    )
    .sort();

interface Handler {
  readonly file: string;
  readonly name: string;
  readonly events: Set<string>;
  readonly calls: Set<string>;
}

/** The functions of one aggregate's folder and the switch clauses naming commands, with the events and calls in each. */
function readAggregate(category: string) {
  const functions = new Map<string, Handler>();
  const byCommand = new Map<string, Handler>();
  const collect = (node: ts.Node, into: Handler): void => {
    if (
      ts.isPropertyAssignment(node) &&
      node.name.getText() === 'type' &&
      ts.isStringLiteral(node.initializer) &&
      Object.hasOwn(eventCatalog, node.initializer.text)
    )
      into.events.add(node.initializer.text);
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) into.calls.add(node.expression.text);
    ts.forEachChild(node, (child) => collect(child, into));
  };
  for (const file of sourceFiles(`libs/domain/src/${category}`)) {
    const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      const fn =
        ts.isVariableDeclaration(node) && node.initializer && ts.isArrowFunction(node.initializer)
          ? { name: node.name.getText(), body: node.initializer, params: node.initializer.parameters }
          : ts.isFunctionDeclaration(node) && node.name && node.body
            ? { name: node.name.text, body: node, params: node.parameters }
            : undefined;
      if (fn) {
        const handler: Handler = { file, name: fn.name, events: new Set(), calls: new Set() };
        collect(fn.body, handler);
        functions.set(fn.name, handler);
        const firstType = fn.params[0]?.type;
        if (
          firstType &&
          ts.isTypeReferenceNode(firstType) &&
          Object.hasOwn(commandCatalog, firstType.typeName.getText())
        )
          byCommand.set(firstType.typeName.getText(), handler);
      }
      if (
        ts.isCaseClause(node) &&
        ts.isStringLiteral(node.expression) &&
        Object.hasOwn(commandCatalog, node.expression.text)
      ) {
        const handler: Handler = { file, name: `case '${node.expression.text}'`, events: new Set(), calls: new Set() };
        node.statements.forEach((statement) => collect(statement, handler));
        if (!byCommand.has(node.expression.text)) byCommand.set(node.expression.text, handler);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const eventsOf = (handler: Handler, seen = new Set<string>()): Set<string> => {
    const events = new Set(handler.events);
    for (const call of handler.calls) {
      const callee = functions.get(call);
      if (!callee || seen.has(call)) continue;
      seen.add(call);
      eventsOf(callee, seen).forEach((event) => events.add(event));
    }
    return events;
  };
  return { byCommand, eventsOf };
}

/** The files outside the domain that name an event type as a string literal, grouped by reader. */
function readersOf(): Map<string, Map<string, string[]>> {
  const found = new Map<string, Map<string, string[]>>();
  for (const { label, dir } of READERS) {
    for (const file of sourceFiles(dir)) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const event of Object.keys(eventCatalog)) {
        if (!text.includes(`'${event}'`)) continue;
        const byLabel = found.get(event) ?? new Map<string, string[]>();
        byLabel.set(label, [...(byLabel.get(label) ?? []), file]);
        found.set(event, byLabel);
      }
    }
  }
  return found;
}

/** Domain files outside the command's aggregate that issue it (`type: '<Command>'`): reactions to other aggregates' events. */
const issuersOf = (command: string, category: string): string[] =>
  sourceFiles('libs/domain/src').filter(
    (file) =>
      !file.startsWith(`libs/domain/src/${category}/`) &&
      new RegExp(`type: '${command}'`).test(readFileSync(join(ROOT, file), 'utf8')),
  );

function dtoFileOf(dtoName: string): string {
  const file = sourceFiles('apps/api/src/commands/dto').find((f) =>
    readFileSync(join(ROOT, f), 'utf8').includes(`export class ${dtoName} `),
  );
  return file ?? '(not found)';
}

const code = (text: string) => `\`${text}\``;

export function whereIsMarkdown(): string {
  const readers = readersOf();
  const aggregates = new Map<string, ReturnType<typeof readAggregate>>();
  const lines = [
    '# Where is …?',
    '',
    '<!-- Generated by `npm run docs:where-is` from the domain catalogue (test/docs/where-is.ts); do not edit. -->',
    '',
    'Every command takes the same path: `POST /v1/commands/<Command>` validates its DTO, the',
    '`CommandExecutor` (libs/application/src/commands) loads the stream, the decider decides, the store',
    'appends; processors (libs/subscriptions) then hand the events to the read models, the metrics and',
    'the Kafka relay. Below, for each command, the files on that path that are its own.',
    '',
  ];
  for (const [command, category] of Object.entries(commandCatalog) as [DomainCommandType, string][]) {
    const aggregate = aggregates.get(category) ?? readAggregate(category);
    aggregates.set(category, aggregate);
    const handler = aggregate.byCommand.get(command);
    const dto = (commandDtos as Record<string, { name: string } | undefined>)[command]?.name;
    lines.push(`## ${command} (${category})`, '');
    const issuers = issuersOf(command, category);
    lines.push(
      `- DTO: ${dto ? `${code(dto)} in ${dtoFileOf(dto)}` : issuers.length ? 'none, not an HTTP command' : '(none)'}`,
    );
    if (issuers.length) lines.push(`- issued by: ${issuers.join(', ')} (run by a process manager)`);
    lines.push(`- decided in: ${handler ? `${handler.file} (${code(handler.name)})` : '(not found)'}`);
    const events = handler ? [...aggregate.eventsOf(handler)].sort() : [];
    lines.push(`- events: ${events.length ? events.map(code).join(', ') : '(none found)'}`);
    for (const event of events as DomainEventType[]) {
      const byLabel = readers.get(event);
      const read = byLabel
        ? [...byLabel].map(([label, files]) => `${label}: ${files.map((f) => relative('.', f)).join(', ')}`)
        : [];
      const fields = PUBLISHED_FIELDS[event];
      read.push(
        `integration event ${code(`koproduktiv.${eventCatalog[event]}.${event}`)} (libs/messaging, ${fields.length ? `fields ${fields.join(', ')}` : 'no data fields'})`,
      );
      lines.push(`  - ${code(event)} — ${read.join('; ')}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
