import { createHash, Hash } from 'node:crypto';
import { RecordedEvent, serializeEvent } from '../port';
import { eventHash } from '../hash-chain';

/**
 * Export format: JSON Lines, one recorded event per line (every field, hashes included), in global
 * order (one stream: version order), then exactly one last line `{"manifest": {...}}` whose sha256
 * covers every byte before it — `head -n -1 export.jsonl | sha256sum` gives the same value.
 */
export const EXPORT_FORMAT = 'koproduktiv.audit-export/1';

export interface ExportScope {
  readonly tenant: string | null;
  readonly streamId: string | null;
  /** Record time, inclusive. */
  readonly from: string | null;
  /** Record time, exclusive. */
  readonly to: string | null;
}

export interface ExportManifest {
  readonly format: typeof EXPORT_FORMAT;
  readonly generatedAt: string;
  readonly scope: ExportScope;
  readonly events: number;
  readonly eventsByType: Readonly<Record<string, number>>;
  readonly firstPosition: number | null;
  readonly lastPosition: number | null;
  /** sha256 (hex) of every byte before the manifest line. */
  readonly sha256: string;
}

/** One event as an export line (with its newline). */
export function exportLine(event: RecordedEvent): string {
  return `${JSON.stringify(serializeEvent(event))}\n`;
}

/** Parses an export line back into a recorded event (throws on anything malformed). */
export function parseExportLine(line: string): RecordedEvent {
  const raw = JSON.parse(line) as Record<string, unknown>;
  const str = (key: string) => {
    if (typeof raw[key] !== 'string') throw new Error(`"${key}" is not a string`);
    return raw[key] as string;
  };
  const int = (key: string) => {
    if (!Number.isSafeInteger(raw[key])) throw new Error(`"${key}" is not an integer`);
    return raw[key] as number;
  };
  const date = (key: string) => {
    const value = new Date(str(key));
    if (Number.isNaN(value.getTime())) throw new Error(`"${key}" is not a timestamp`);
    return value;
  };
  if (typeof raw.data !== 'object' || raw.data === null) throw new Error('"data" is not an object');
  if (typeof raw.metadata !== 'object' || raw.metadata === null) throw new Error('"metadata" is not an object');
  if (raw.prevHash !== null) str('prevHash');
  return {
    position: int('position'),
    tenant: str('tenant'),
    streamId: str('streamId'),
    version: int('version'),
    eventId: str('eventId'),
    type: str('type'),
    schemaVersion: int('schemaVersion'),
    occurredAt: date('occurredAt'),
    recordedAt: date('recordedAt'),
    data: raw.data as Record<string, unknown>,
    metadata: raw.metadata as RecordedEvent['metadata'],
    prevHash: raw.prevHash as string | null,
    hash: str('hash'),
  };
}

/** Turns events into export lines and ends with the manifest line. Memory: constant. */
export async function* exportLines(
  events: AsyncIterable<RecordedEvent>,
  scope: ExportScope,
  clock: () => Date = () => new Date(),
): AsyncGenerator<string> {
  const digest = createHash('sha256');
  const eventsByType: Record<string, number> = {};
  let count = 0;
  let firstPosition: number | null = null;
  let lastPosition: number | null = null;
  for await (const event of events) {
    const line = exportLine(event);
    digest.update(line);
    count += 1;
    eventsByType[event.type] = (eventsByType[event.type] ?? 0) + 1;
    firstPosition ??= event.position;
    lastPosition = event.position;
    yield line;
  }
  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    generatedAt: clock().toISOString(),
    scope,
    events: count,
    eventsByType,
    firstPosition,
    lastPosition,
    sha256: digest.digest('hex'),
  };
  yield `${JSON.stringify({ manifest })}\n`;
}

export interface ExportProblem {
  /** 1-based line number in the file, or null for the file as a whole. */
  readonly line: number | null;
  readonly detail: string;
}

export interface ExportCheck {
  readonly ok: boolean;
  readonly events: number;
  readonly manifest: ExportManifest | null;
  /** The problems found (the first 100). */
  readonly problems: readonly ExportProblem[];
}

/**
 * Checks an export offline, reading it line by line: the manifest's sha256, counts and positions;
 * every line's own hash against its content; each stream's chain where its predecessor is in the
 * file; and that every event lies in the manifest's scope. Memory: constant per line, plus one
 * entry (version and hash) per stream in the file.
 */
export class ExportVerifier {
  private readonly digest: Hash = createHash('sha256');
  private readonly tips = new Map<string, { version: number; hash: string }>();
  private readonly problems: ExportProblem[] = [];
  private readonly eventsByType: Record<string, number> = {};
  private pending: { text: string; number: number } | undefined;
  private lineNumber = 0;
  private events = 0;
  private firstPosition: number | null = null;
  private lastPosition: number | null = null;
  private problemCount = 0;

  /** Feeds one line, without its newline. */
  line(text: string): void {
    this.lineNumber += 1;
    // The last line is the manifest, so a line is only known to be an event when the next arrives.
    if (this.pending) this.event(this.pending.text, this.pending.number);
    this.pending = { text, number: this.lineNumber };
  }

  finish(): ExportCheck {
    const last = this.pending;
    let manifest: ExportManifest | null = null;
    if (!last) {
      this.problem(null, 'the file is empty: no manifest');
    } else {
      manifest = this.parseManifest(last.text, last.number);
      if (manifest) this.compare(manifest);
    }
    return { ok: this.problemCount === 0, events: this.events, manifest, problems: this.problems };
  }

  private event(text: string, number: number): void {
    this.digest.update(`${text}\n`);
    this.events += 1;
    let event: RecordedEvent;
    try {
      event = parseExportLine(text);
    } catch (error) {
      return this.problem(number, `not an event line: ${(error as Error).message}`);
    }
    this.eventsByType[event.type] = (this.eventsByType[event.type] ?? 0) + 1;
    if (this.lastPosition !== null && event.position <= this.lastPosition) {
      this.problem(number, `position ${event.position} does not follow ${this.lastPosition}`);
    }
    this.firstPosition ??= event.position;
    this.lastPosition = event.position;
    const where = `${event.streamId} version ${event.version} (event ${event.eventId})`;
    if (eventHash(event) !== event.hash) this.problem(number, `${where}: content differs from its hash`);
    const key = `${event.tenant}\u0000${event.streamId}`;
    const tip = this.tips.get(key);
    if (event.version === 1 && event.prevHash !== null)
      this.problem(number, `${where}: a first event must not link to a predecessor`);
    if (tip && (event.version !== tip.version + 1 || event.prevHash !== tip.hash)) {
      this.problem(number, `${where}: does not follow version ${tip.version} of its stream in this file`);
    }
    this.tips.set(key, { version: event.version, hash: event.hash });
    this.track(event);
  }

  // Scope facts gathered while streaming, compared with the manifest's scope once it is known.
  private readonly tenants = new Set<string>();
  private singleStream: string | null | undefined;
  private minRecordedAt = Infinity;
  private maxRecordedAt = -Infinity;

  private track(event: RecordedEvent): void {
    if (this.tenants.size < 2) this.tenants.add(event.tenant);
    if (this.singleStream === undefined) this.singleStream = event.streamId;
    else if (this.singleStream !== event.streamId) this.singleStream = null;
    const recorded = event.recordedAt.getTime();
    this.minRecordedAt = Math.min(this.minRecordedAt, recorded);
    this.maxRecordedAt = Math.max(this.maxRecordedAt, recorded);
  }

  private parseManifest(text: string, number: number): ExportManifest | null {
    try {
      const parsed = JSON.parse(text) as { manifest?: ExportManifest };
      if (!parsed.manifest || parsed.manifest.format !== EXPORT_FORMAT) throw new Error(`no ${EXPORT_FORMAT} manifest`);
      return parsed.manifest;
    } catch (error) {
      this.problem(
        number,
        `the last line is not the manifest (${(error as Error).message}): the file is truncated or altered`,
      );
      return null;
    }
  }

  private compare(manifest: ExportManifest): void {
    const sha256 = this.digest.digest('hex');
    if (manifest.sha256 !== sha256)
      this.problem(null, `sha256 of the events is ${sha256}, the manifest says ${manifest.sha256}`);
    if (manifest.events !== this.events)
      this.problem(null, `the file holds ${this.events} events, the manifest says ${manifest.events}`);
    if (manifest.firstPosition !== this.firstPosition || manifest.lastPosition !== this.lastPosition) {
      this.problem(
        null,
        `positions run ${this.firstPosition}..${this.lastPosition}, the manifest says ${manifest.firstPosition}..${manifest.lastPosition}`,
      );
    }
    const types = (counts: Readonly<Record<string, number>>) =>
      JSON.stringify(Object.entries(counts ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));
    if (types(manifest.eventsByType) !== types(this.eventsByType))
      this.problem(null, 'the counts by event type differ from the manifest');
    const scope = manifest.scope ?? ({} as ExportScope);
    if (scope.tenant && this.events > 0 && (this.tenants.size > 1 || !this.tenants.has(scope.tenant))) {
      this.problem(
        null,
        `the manifest scopes the export to tenant ${scope.tenant}, but it holds other tenants' events`,
      );
    }
    if (scope.streamId && this.events > 0 && this.singleStream !== scope.streamId) {
      this.problem(
        null,
        `the manifest scopes the export to stream ${scope.streamId}, but it holds other streams' events`,
      );
    }
    if (scope.from && this.events > 0 && this.minRecordedAt < Date.parse(scope.from))
      this.problem(null, `events recorded before ${scope.from}`);
    if (scope.to && this.events > 0 && this.maxRecordedAt >= Date.parse(scope.to))
      this.problem(null, `events recorded at or after ${scope.to}`);
  }

  private problem(line: number | null, detail: string): void {
    this.problemCount += 1;
    if (this.problems.length < 100) this.problems.push({ line, detail });
  }
}

/** Verifies an export given as lines (e.g. from readline). */
export async function verifyExport(lines: AsyncIterable<string> | Iterable<string>): Promise<ExportCheck> {
  const verifier = new ExportVerifier();
  for await (const line of lines) verifier.line(line);
  return verifier.finish();
}
