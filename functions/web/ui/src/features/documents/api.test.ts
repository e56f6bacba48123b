import { pollInterval } from './api';
import { READ_LEASE } from './testing';

const created = Date.parse(READ_LEASE.createdAt);

describe('pollInterval', () => {
  it('asks every second while OCR reads the document', () => {
    expect(pollInterval({ ...READ_LEASE, status: 'processing' }, created + 3_600_000)).toBe(1_000);
  });

  it('asks while the file is awaited, until the upload form has expired (15 minutes)', () => {
    const awaiting = { ...READ_LEASE, status: 'awaiting_upload' as const };
    expect(pollInterval(awaiting, created + 60_000)).toBe(2_000);
    expect(pollInterval(awaiting, created + 15 * 60_000 - 1)).toBe(2_000);
    expect(pollInterval(awaiting, created + 15 * 60_000)).toBe(false);
  });

  it('stops once the document is processed or failed, and before there is one', () => {
    expect(pollInterval(READ_LEASE, created)).toBe(false);
    expect(pollInterval({ ...READ_LEASE, status: 'failed', failureReason: 'ocr_timeout' }, created)).toBe(false);
    expect(pollInterval(undefined)).toBe(false);
  });
});
