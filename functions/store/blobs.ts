/**
 * Large text values (model versions up to 5 MB of JSON, chunk partials, results, distributions) in a store whose
 * items are capped at 400 KB. A value is gzip-compressed; when the compressed bytes fit in one item they are kept
 * inline on the item that owns them ("owner"), otherwise they are split over part items and the owner names them.
 *
 * Why readers never see half a value: parts are written first under a fresh blob id, and only then is the owner
 * written (usually conditionally, inside the caller's transaction) naming that id and the part count. Parts of
 * one write never overwrite parts of another, so a rewrite of the same owner cannot mix old and new parts, and
 * a reader that finds the owner finds all of its parts. Parts whose owner write lost are orphans; callers delete
 * them (best effort) and they are harmless if left behind, because nothing names them.
 *
 * Parts live under their own `PART#` key prefix so no listing query (models, runs, chunks) ever meets them.
 */
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryItems } from './query.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Largest compressed value kept on the owner item; leaves ~50 KB of the 400 KB item for the owner's own fields. */
export const INLINE_MAX_BYTES = 350 * 1024;
/** Bytes of compressed data per part item. */
export const PART_BYTES = 350 * 1024;
/** Parallel part writes: enough to hide latency, few enough not to trip throughput limits on a fresh table. */
export const WRITE_CONCURRENCY = 4;

/** The attributes a blob adds to its owner item. Exactly one of `gz` and `gzParts` is set. */
export interface BlobAttrs {
  /** The compressed value, when it fits on the owner. */
  gz?: Uint8Array;
  /** How many part items hold the compressed value. */
  gzParts?: number;
  /** Names this write's parts, so a rewrite never mixes with them. */
  gzId?: string;
  /** UTF-8 length of the value: a cheap check that what was read back is whole. */
  bytes: number;
}

export interface PreparedBlob {
  attrs: BlobAttrs;
  /** Part items still to be written (empty when inline). */
  parts: Record<string, unknown>[];
}

/** Raised when an owner names parts that are not all there: a torn or superseded write, never silently cut. */
export class BlobIncomplete extends Error {}

export function partPrefix(ownerSk: string, gzId: string): string {
  return `PART#${ownerSk}#${gzId}#`;
}

export class BlobStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Compresses `text` and decides inline or parts; writes nothing. `partAttrs` go on every part (an expiry). */
  async prepare(pk: string, ownerSk: string, text: string, partAttrs: Record<string, unknown> = {}): Promise<PreparedBlob> {
    const raw = Buffer.from(text, 'utf8');
    const gz = await gzipAsync(raw);
    if (gz.length <= INLINE_MAX_BYTES) return { attrs: { gz, bytes: raw.length }, parts: [] };

    const gzId = randomBytes(8).toString('hex');
    const prefix = partPrefix(ownerSk, gzId);
    const parts: Record<string, unknown>[] = [];
    for (let offset = 0, n = 0; offset < gz.length; offset += PART_BYTES, n++) {
      parts.push({ pk, sk: prefix + String(n).padStart(5, '0'), gz: gz.subarray(offset, offset + PART_BYTES), ...partAttrs });
    }
    return { attrs: { gzParts: parts.length, gzId, bytes: raw.length }, parts };
  }

  /** Writes the parts of a prepared blob; call before writing its owner. */
  async writeParts(prepared: PreparedBlob): Promise<void> {
    await inBatches(prepared.parts, WRITE_CONCURRENCY, (item) => this.doc.send(new PutCommand({ TableName: this.table, Item: item })));
  }

  /** Deletes the parts an owner (written or not) names; best effort, for orphans and superseded values. */
  async discard(pk: string, ownerSk: string, attrs: Partial<BlobAttrs> | undefined): Promise<void> {
    if (!attrs?.gzId || !attrs.gzParts) return;
    const prefix = partPrefix(ownerSk, attrs.gzId);
    const keys = Array.from({ length: attrs.gzParts }, (_, n) => ({ pk, sk: prefix + String(n).padStart(5, '0') }));
    try {
      await inBatches(keys, WRITE_CONCURRENCY, (Key) => this.doc.send(new DeleteCommand({ TableName: this.table, Key })));
    } catch {
      // Orphaned parts cost storage, not correctness: nothing names them any more.
    }
  }

  /** The value an owner item holds. Throws BlobIncomplete if its parts are not all there. */
  async read(pk: string, ownerSk: string, owner: Record<string, unknown>): Promise<string> {
    const bytes = owner.bytes as number;
    let gz: Uint8Array;
    if (owner.gz instanceof Uint8Array) {
      gz = owner.gz;
    } else {
      const count = owner.gzParts as number;
      const chunks = await this.readParts(pk, partPrefix(ownerSk, owner.gzId as string));
      if (chunks.length !== count) throw new BlobIncomplete(`${ownerSk}: ${chunks.length} of ${count} parts`);
      gz = Buffer.concat(chunks);
    }
    const raw = await gunzipAsync(gz);
    if (raw.length !== bytes) throw new BlobIncomplete(`${ownerSk}: ${raw.length} of ${bytes} bytes`);
    return raw.toString('utf8');
  }

  private async readParts(pk: string, prefix: string): Promise<Uint8Array[]> {
    // Parts are ~350 KB, so a query page (1 MB) holds only a few: queryItems follows the pages to the end.
    const { items } = await queryItems(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      ConsistentRead: true,
    });
    return items.map((item) => item.gz as Uint8Array);
  }
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}
