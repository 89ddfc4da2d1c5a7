import {
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import { classifyKafkaError } from './classify';
import { recordBytes } from './kafkajs-publisher';

/** Built the way kafkajs builds them: protocol errors from the broker's code, wrapped by its retrier. */
const protocolError = (type: string, message: string) =>
  new KafkaJSProtocolError(Object.assign(new Error(message), { type, retriable: false }));
const nonRetriable = (error: Error) => Object.assign(new KafkaJSNonRetriableError(error), { cause: error });

describe('classifyKafkaError', () => {
  it('treats records the broker refuses by content as permanent', () => {
    expect(classifyKafkaError(protocolError('MESSAGE_TOO_LARGE', 'too large'))).toMatchObject({
      kind: 'permanent',
      reason: 'MESSAGE_TOO_LARGE',
    });
    expect(classifyKafkaError(nonRetriable(protocolError('INVALID_RECORD', 'bad')))).toMatchObject({
      kind: 'permanent',
      reason: 'INVALID_RECORD',
    });
    expect(classifyKafkaError(protocolError('RECORD_LIST_TOO_LARGE', 'list'))).toMatchObject({
      kind: 'permanent',
      reason: 'MESSAGE_TOO_LARGE',
    });
  });

  it('treats everything else as retryable, including what kafkajs calls non-retriable during an outage', () => {
    const refused = new KafkaJSConnectionError('connect ECONNREFUSED 127.0.0.1:9092');
    expect(classifyKafkaError(nonRetriable(refused))).toMatchObject({ kind: 'retryable' });
    expect(
      classifyKafkaError(
        new KafkaJSNumberOfRetriesExceeded(protocolError('NOT_LEADER_FOR_PARTITION', 'moved'), {
          retryCount: 3,
          retryTime: 100,
        }),
      ),
    ).toMatchObject({ kind: 'retryable' });
    expect(classifyKafkaError(protocolError('TOPIC_AUTHORIZATION_FAILED', 'no'))).toMatchObject({ kind: 'retryable' });
    expect(classifyKafkaError(new Error('socket hang up'))).toEqual({ kind: 'retryable', error: 'socket hang up' });
  });
});

describe('recordBytes', () => {
  it('counts key, value and headers in UTF-8 bytes plus record overhead', () => {
    const bytes = recordBytes({ topic: 't', key: 'ä', value: Buffer.alloc(100), headers: { ce_id: 'x' } });
    expect(bytes).toBeGreaterThanOrEqual(2 + 100 + 6);
    expect(bytes).toBeLessThan(2 + 100 + 6 + 40);
  });
});
