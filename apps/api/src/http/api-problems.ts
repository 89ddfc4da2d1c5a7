import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

export class ProblemDto {
  @ApiProperty({ example: 'https://koproduktiv.de/problems/case-closed' }) type!: string;
  @ApiProperty({ example: 'Rule violated' }) title!: string;
  @ApiProperty({ example: 409 }) status!: number;
  @ApiProperty({ example: 'CASE.CLOSED', description: 'Stable machine-readable code' }) code!: string;
  @ApiProperty({ required: false }) detail?: string;
  @ApiProperty({ required: false }) instance?: string;
  @ApiProperty({ required: false, description: 'Echoes X-Correlation-Id or the generated request id' }) correlationId?: string;
  @ApiProperty({ required: false, description: 'Per-field messages (400 only)', type: 'array', items: { type: 'object' } }) errors?: unknown[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid body (malformed JSON, wrong types, unknown fields, bad headers); `errors` names each field',
  401: 'Missing or invalid bearer token (AUTH.UNAUTHENTICATED), or a token without an expiry (AUTH.TOKEN_WITHOUT_EXPIRY)',
  403: 'The token lacks the role this route needs',
  404: 'The stream the command needs does not exist (in the token\'s tenant)',
  409: 'A domain rule forbids the command, or a concurrent write won twice',
  412: 'If-Match does not match the stream version',
  413: 'Body larger than the configured limit',
  415: 'Body is not application/json',
  422: 'Idempotency-Key reused with a different request',
  503: 'Event store unavailable; retry (Retry-After)',
};

export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ProblemDto })));
