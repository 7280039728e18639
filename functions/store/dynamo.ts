/**
 * The Store port on one DynamoDB table (keys pk, sk). Tenant first: every item of a municipality lives in its
 * own partition, so no query or get can reach another tenant's items.
 *
 *   pk = T#<tenant>
 *   sk = TOKEN#<secretHash>                  token record {tokenId, role, label?, createdAt, revokedAt?}
 *        TOKENID#<tokenId>                   {secretHash}: lets revoke find the record by its public id
 *        MODEL#<id>                          head {name, latestVersion, createdAt, updatedAt}
 *        MODELVER#<id>#V#<10-digit version>  an immutable version {name, createdAt, savedBy?} + blob (the model JSON)
 *        RUN#<runId>                         run record; run ids are ULIDs, so sk order is creation order.
 *                                            `unfinished` (= status) only while queued or running: the sparse
 *                                            index of runs to resume (table.ts)
 *        RUNDATA#<runId>#CHUNK#<6-digit>     one chunk's partial (blob) and its `format`; its existence is what
 *                                            makes it counted
 *        RUNDATA#<runId>#GROUP#<4-digit>     the merged partial of a group of chunks (blob)
 *                                            chunks and groups, and their parts, carry `expiresAt` (RUN_DATA_DAYS)
 *        RUNDATA#<runId>#RESULT, #DIST       merged result and cost distributions (blobs)
 *        RUNDATA#<runId>#SCENARIOS           a run's scenarios when too big to sit on the run item (blob)
 *        IDEMP#<sha256(key)>                 {runId, key}: the one run an idempotency key stands for
 *        QUEUE                               {active}: how many of the tenant's runs are queued or running (an
 *                                            older `queued` attribute, queued runs only, is no longer read)
 *        PART#<ownerSk>#<blobId>#<5-digit>   parts of a large blob (blobs.ts)
 *
 * The listing prefixes (`MODEL#`, `RUN#`, `TOKEN#`, `RUNDATA#<id>#CHUNK#`) are chosen so that no other kind of item
 * starts with them: versions are MODELVER#, run data RUNDATA#, parts PART#.
 *
 * All reads are strongly consistent: callers read their own writes (a 201 then a GET, a revoke then a request).
 */
import { createHash } from 'node:crypto';
import { DescribeTableCommand, type CancellationReason } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { BlobIncomplete, BlobStore, type BlobAttrs } from './blobs.js';
import { queryItems, type Item } from './query.js';
import { UNFINISHED_ATTRIBUTE, UNFINISHED_INDEX } from './table.js';
import {
  BadCursor,
  Conflict,
  NotFound,
  TooManyQueued,
  type ModelHead,
  type ModelVersion,
  type ModelVersionInfo,
  type Page,
  type Role,
  type RunRecord,
  type RunStatus,
  isOpen,
  type Store,
  type StoredChunk,
  type TokenRecord,
} from './port.js';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** DynamoDB refuses sort keys over 1024 bytes; a get with a longer one would be a 500 for a typed-in id. */
const MAX_SK_BYTES = 1024;
const MAX_PAGE = 1000;
const MAX_TRANSACT_ATTEMPTS = 10;
/**
 * Scenarios up to this size sit on the run item as JSON; bigger ones (inline options can add up under the 5 MB
 * body limit) go to a blob item, so a run item never nears 400 KB.
 */
const SCENARIOS_INLINE_MAX_BYTES = 64 * 1024;

const tenantPk = (tenant: string): string => `T#${tenant}`;
const tokenSk = (secretHash: string): string => `TOKEN#${secretHash}`;
const tokenIdSk = (tokenId: string): string => `TOKENID#${tokenId}`;
const modelSk = (id: string): string => `MODEL#${id}`;
const versionSk = (id: string, version: number): string => `MODELVER#${id}#V#${String(version).padStart(10, '0')}`;
const runSk = (id: string): string => `RUN#${id}`;
const chunkPrefix = (runId: string): string => `RUNDATA#${runId}#CHUNK#`;
const chunkSk = (runId: string, index: number): string => chunkPrefix(runId) + String(index).padStart(6, '0');
const groupSk = (runId: string, group: number): string => `RUNDATA#${runId}#GROUP#${String(group).padStart(4, '0')}`;
const resultSk = (runId: string): string => `RUNDATA#${runId}#RESULT`;
const distSk = (runId: string): string => `RUNDATA#${runId}#DIST`;
const scenariosSk = (runId: string): string => `RUNDATA#${runId}#SCENARIOS`;
const idempSk = (key: string): string => `IDEMP#${createHash('sha256').update(key).digest('hex')}`;
const QUEUE_SK = 'QUEUE';
/**
 * The counter of a tenant's open runs (queued or running) on the QUEUE item. A new name rather than the old
 * `queued`, which counted queued runs only: a table from before starts this count at zero, and runs open at the
 * upgrade are not in it, so their end may not take it below zero (transitionRun).
 */
const ACTIVE = 'active';

/**
 * Days a chunk or group partial is kept: the table's TTL (table.ts) deletes it after that, at no cost, since only
 * the merge reads it. Far longer than any run takes; a partial that expired before its merge is played again.
 */
export const RUN_DATA_DAYS = 14;
const runDataExpiry = (): { expiresAt: number } => ({ expiresAt: Math.floor(Date.now() / 1000) + RUN_DATA_DAYS * 86_400 });

/** A transaction that DynamoDB cancelled, with the reason code of each item in request order. */
class Cancelled extends Error {
  // Named and carrying its codes, so services/transient.ts can tell a lost race (retry) from a failed condition.
  override readonly name = 'TransactionCancelled';
  constructor(readonly codes: string[]) {
    super(`transaction cancelled: ${codes.join(', ')}`);
  }
  failed(index: number): boolean {
    return this.codes[index] === 'ConditionalCheckFailed';
  }
}

export class DynamoStore implements Store {
  private readonly blobs: BlobStore;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {
    this.blobs = new BlobStore(doc, table);
  }

  // ---- tokens ----

  async putToken(record: TokenRecord, secretHash: string): Promise<void> {
    const pk = tenantPk(record.tenant);
    try {
      // Both in one transaction, so revoke-by-id can always find the record it points at.
      await this.transact([
        {
          Put: {
            TableName: this.table,
            Item: { pk, sk: tokenSk(secretHash), ...tokenFields(record) },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: this.table,
            Item: { pk, sk: tokenIdSk(record.tokenId), secretHash },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
    } catch (err) {
      if (err instanceof Cancelled && (err.failed(0) || err.failed(1))) throw new Conflict(`token ${record.tokenId} exists`);
      throw err;
    }
  }

  async findToken(tenant: string, secretHash: string): Promise<TokenRecord | null> {
    const item = await this.get(tenantPk(tenant), tokenSk(secretHash));
    if (!item || item.revokedAt !== undefined) return null;
    return itemToToken(item);
  }

  async listTokens(tenant: string): Promise<TokenRecord[]> {
    return (await this.queryAll(tenantPk(tenant), 'TOKEN#')).map(itemToToken);
  }

  async revokeToken(tenant: string, tokenId: string, now: string): Promise<boolean> {
    const pk = tenantPk(tenant);
    const pointer = await this.get(pk, tokenIdSk(tokenId));
    if (!pointer) return false;
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk, sk: tokenSk(pointer.secretHash as string) },
          // Revoking twice keeps the first time.
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':now': now },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  // ---- models ----

  async createModel(tenant: string, id: string, name: string, model: unknown, now: string, savedBy?: string): Promise<ModelHead> {
    const pk = tenantPk(tenant);
    const vsk = versionSk(id, 1);
    const blob = await this.blobs.prepare(pk, vsk, toJson(model));
    await this.blobs.writeParts(blob);
    const head: ModelHead = { id, name, latestVersion: 1, createdAt: now, updatedAt: now };
    try {
      await this.transact([
        { Put: { TableName: this.table, Item: { pk, sk: modelSk(id), ...head }, ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Put: {
            TableName: this.table,
            Item: { pk, sk: vsk, id, version: 1, name, createdAt: now, ...(savedBy ? { savedBy } : {}), ...blob.attrs },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
    } catch (err) {
      if (!(err instanceof Cancelled)) throw err;
      await this.blobs.discard(pk, vsk, blob.attrs);
      if (err.failed(0) || err.failed(1)) throw new Conflict(`model ${id} exists`);
      throw err;
    }
    return head;
  }

  async saveModelVersion(
    tenant: string,
    id: string,
    expectedVersion: number,
    name: string,
    model: unknown,
    now: string,
    savedBy?: string,
  ): Promise<ModelHead> {
    // No model reaches 2^53 versions, and the SDK refuses to send such a number: a Conflict, not a crash.
    if (!Number.isSafeInteger(expectedVersion + 1) || expectedVersion < 1) {
      if (!(await this.getModelHead(tenant, id))) throw new NotFound(`model ${id}`);
      throw new Conflict(`model ${id} is not at version ${expectedVersion}`);
    }
    const pk = tenantPk(tenant);
    const next = expectedVersion + 1;
    const vsk = versionSk(id, next);
    const blob = await this.blobs.prepare(pk, vsk, toJson(model));
    await this.blobs.writeParts(blob);
    try {
      await this.transact([
        {
          Update: {
            TableName: this.table,
            Key: { pk, sk: modelSk(id) },
            UpdateExpression: 'SET latestVersion = :next, #name = :name, updatedAt = :now',
            ConditionExpression: 'attribute_exists(pk) AND latestVersion = :expected',
            ExpressionAttributeNames: { '#name': 'name' },
            ExpressionAttributeValues: { ':next': next, ':name': name, ':now': now, ':expected': expectedVersion },
          },
        },
        // The head's condition already rules this out; the guard keeps a version immutable even if it did not.
        {
          Put: {
            TableName: this.table,
            Item: { pk, sk: vsk, id, version: next, name, createdAt: now, ...(savedBy ? { savedBy } : {}), ...blob.attrs },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
    } catch (err) {
      if (!(err instanceof Cancelled)) throw err;
      await this.blobs.discard(pk, vsk, blob.attrs);
      if (err.failed(0) || err.failed(1)) {
        // Models are never deleted, so a head missing now was missing then: that is the only NotFound.
        if (!(await this.getModelHead(tenant, id))) throw new NotFound(`model ${id}`);
        throw new Conflict(`model ${id} is not at version ${expectedVersion}`);
      }
      throw err;
    }
    // createdAt never changes, so reading it after the write cannot mix two saves.
    const head = await this.getModelHead(tenant, id);
    if (!head) throw new NotFound(`model ${id}`);
    return { id, name, latestVersion: next, createdAt: head.createdAt, updatedAt: now };
  }

  async getModelHead(tenant: string, id: string): Promise<ModelHead | null> {
    const item = await this.get(tenantPk(tenant), modelSk(id));
    return item ? itemToHead(item) : null;
  }

  async getModelVersion(tenant: string, id: string, version: number): Promise<ModelVersion | null> {
    if (!Number.isSafeInteger(version) || version < 1) return null;
    const pk = tenantPk(tenant);
    const sk = versionSk(id, version);
    const found = await this.getBlobItem(pk, sk);
    if (!found) return null;
    const savedBy = found.item.savedBy;
    return {
      id,
      version,
      model: JSON.parse(found.text),
      createdAt: found.item.createdAt as string,
      ...(typeof savedBy === 'string' ? { savedBy } : {}),
    };
  }

  async listModelVersions(tenant: string, id: string, limit: number, cursor?: string): Promise<Page<ModelVersionInfo>> {
    const prefix = `MODELVER#${id}#V#`;
    if (Buffer.byteLength(prefix, 'utf8') > MAX_SK_BYTES) return { items: [] };
    // Without the model's blob: a history of a hundred versions need not read a hundred models.
    const projection = {
      ProjectionExpression: 'sk, version, #name, createdAt, savedBy',
      ExpressionAttributeNames: { '#name': 'name' },
    };
    return this.page(tenantPk(tenant), prefix, limit, cursor, false, itemToVersionInfo, projection);
  }

  async listModels(tenant: string, limit: number, cursor?: string): Promise<Page<ModelHead>> {
    return this.page(tenantPk(tenant), 'MODEL#', limit, cursor, true, itemToHead);
  }

  // ---- runs ----

  async createRun(run: RunRecord, maxActive: number): Promise<{ run: RunRecord; created: boolean }> {
    const pk = tenantPk(run.tenant);
    const queued: RunRecord = { ...run, status: 'queued' };
    const { scenarios, ...fields } = queued;
    const scenariosJson = scenarios === undefined ? undefined : toJson(scenarios);
    const external = scenariosJson !== undefined && Buffer.byteLength(scenariosJson, 'utf8') > SCENARIOS_INLINE_MAX_BYTES;
    const runItem: Item = {
      pk,
      sk: runSk(run.id),
      ...fields,
      [UNFINISHED_ATTRIBUTE]: 'queued',
      ...(external ? { scenariosRef: true } : { scenariosJson }),
    };
    const items: TransactItems = [{ Put: { TableName: this.table, Item: runItem, ConditionExpression: 'attribute_not_exists(pk)' } }];
    const scenariosBlob = external ? await this.blobs.prepare(pk, scenariosSk(run.id), scenariosJson) : undefined;
    if (scenariosBlob) {
      await this.blobs.writeParts(scenariosBlob);
      items.push({
        Put: {
          TableName: this.table,
          Item: { pk, sk: scenariosSk(run.id), ...scenariosBlob.attrs },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    if (run.idempotencyKey !== undefined) {
      items.push({
        Put: {
          TableName: this.table,
          Item: { pk, sk: idempSk(run.idempotencyKey), key: run.idempotencyKey, runId: run.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    // The counter moves in the same transaction as the run, so the limit holds under concurrent requests.
    const queueIndex = items.length;
    items.push({
      Update: {
        TableName: this.table,
        Key: { pk, sk: QUEUE_SK },
        UpdateExpression: `ADD ${ACTIVE} :one`,
        ConditionExpression: `(attribute_not_exists(${ACTIVE}) AND :one <= :max) OR ${ACTIVE} < :max`,
        ExpressionAttributeValues: { ':one': 1, ':max': maxActive },
      },
    });
    try {
      await this.transact(items);
      return { run: queued, created: true };
    } catch (err) {
      if (!(err instanceof Cancelled)) throw err;
      await this.blobs.discard(pk, scenariosSk(run.id), scenariosBlob?.attrs);
      // A retry of a request that already made its run wins over every other reason, even a full queue.
      if (run.idempotencyKey !== undefined) {
        const existing = await this.runForKey(run.tenant, run.idempotencyKey);
        if (existing) return { run: existing, created: false };
      }
      if (err.failed(queueIndex)) throw new TooManyQueued(maxActive);
      if (err.failed(0)) throw new Conflict(`run ${run.id} exists`);
      throw err;
    }
  }

  async getRun(tenant: string, id: string): Promise<RunRecord | null> {
    const item = await this.get(tenantPk(tenant), runSk(id));
    return item ? this.toRun(item) : null;
  }

  async listRuns(tenant: string, limit: number, cursor?: string): Promise<Page<RunRecord>> {
    const page = await this.page(tenantPk(tenant), 'RUN#', limit, cursor, false, (item) => item);
    return { ...page, items: await Promise.all(page.items.map((item) => this.toRun(item))) };
  }

  async transitionRun(
    tenant: string,
    id: string,
    from: RunStatus[],
    to: RunStatus,
    patch: Partial<RunRecord>,
    clear: (keyof RunRecord)[] = [],
  ): Promise<boolean> {
    const pk = tenantPk(tenant);
    const key = { pk, sk: runSk(id) };
    const set = patchExpression(patch);
    const removed = clear.filter((f) => !UNPATCHABLE.has(f) && patch[f] === undefined);
    const removeNames = Object.fromEntries(removed.map((f, i) => [`#r${i}`, f]));
    // Read the status, then write guarded on exactly that status: the counter of open runs must move only when
    // the run really enters or leaves an open status, and that depends on which of `from` it was in.
    for (let attempt = 0; attempt < MAX_TRANSACT_ATTEMPTS; attempt++) {
      const current = await this.get(pk, key.sk);
      const status = current?.status as RunStatus | undefined;
      if (!status || !from.includes(status)) return false;
      // The index attribute follows the status in the same write, so the index never lists a finished run.
      const open = isOpen(to);
      const remove = [...(open ? [] : ['#unfinished']), ...Object.keys(removeNames)];
      const update = {
        TableName: this.table,
        Key: key,
        UpdateExpression:
          `SET #status = :to${open ? ', #unfinished = :to' : ''}${set.expression}` +
          (remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''),
        ConditionExpression: 'attribute_exists(pk) AND #status = :current',
        ExpressionAttributeNames: { '#status': 'status', '#unfinished': UNFINISHED_ATTRIBUTE, ...set.names, ...removeNames },
        ExpressionAttributeValues: { ':to': to, ':current': status, ...set.values },
      };
      const delta = (open ? 1 : 0) - (isOpen(status) ? 1 : 0);
      try {
        if (delta === 0) {
          await this.doc.send(new UpdateCommand(update));
        } else {
          await this.transactCounted(update, pk, delta);
        }
        return true;
      } catch (err) {
        // Someone moved the run between our read and our write: look again.
        if (isConditionFailure(err) || (err instanceof Cancelled && err.failed(0))) continue;
        throw err;
      }
    }
    throw new Error(`run ${id} kept changing status; gave up after ${MAX_TRANSACT_ATTEMPTS} attempts`);
  }

  /**
   * A run's update together with the move of its tenant's open-run counter by `delta`. A decrement that would
   * take the counter below zero (a run open since before the counter existed) leaves the counter alone.
   */
  private async transactCounted(update: NonNullable<TransactItems[number]['Update']>, pk: string, delta: number): Promise<void> {
    const counter = {
      TableName: this.table,
      Key: { pk, sk: QUEUE_SK },
      UpdateExpression: `ADD ${ACTIVE} :delta`,
      ...(delta < 0
        ? { ConditionExpression: `${ACTIVE} >= :least`, ExpressionAttributeValues: { ':delta': delta, ':least': -delta } }
        : {}),
      ...(delta >= 0 ? { ExpressionAttributeValues: { ':delta': delta } } : {}),
    };
    try {
      await this.transact([{ Update: update }, { Update: counter }]);
    } catch (err) {
      if (!(err instanceof Cancelled && err.failed(1) && !err.failed(0))) throw err;
      await this.doc.send(new UpdateCommand(update));
    }
  }

  async listUnfinishedRuns(): Promise<RunRecord[]> {
    const runs: RunRecord[] = [];
    const seen = new Set<string>();
    for (const status of ['running', 'queued'] as const) {
      const { items } = await queryItems(this.doc, {
        TableName: this.table,
        IndexName: UNFINISHED_INDEX,
        KeyConditionExpression: '#u = :status',
        ExpressionAttributeNames: { '#u': UNFINISHED_ATTRIBUTE },
        ExpressionAttributeValues: { ':status': status },
      });
      // The index is eventually consistent and holds keys only: each run is read consistently, one that has
      // finished since is left out, and one that moved from queued to running is listed once.
      for (const key of items) {
        const item = await this.get(key.pk as string, key.sk as string);
        const id = `${key.pk as string}/${key.sk as string}`;
        if (!item || (item.status !== 'queued' && item.status !== 'running') || seen.has(id)) continue;
        seen.add(id);
        runs.push(await this.toRun(item));
      }
    }
    return runs;
  }

  // ---- chunks and results ----

  async putChunk(tenant: string, runId: string, index: number, trials: number, partial: string, format?: number): Promise<RunRecord> {
    if (!Number.isInteger(index) || index < 0) throw new RangeError(`chunk index ${index} is not a whole number >= 0`);
    const pk = tenantPk(tenant);
    const sk = chunkSk(runId, index);
    const expiry = runDataExpiry();
    const blob = await this.blobs.prepare(pk, sk, partial, expiry);
    await this.blobs.writeParts(blob);
    const item = { pk, sk, index, trials, ...(format === undefined ? {} : { format }), ...blob.attrs, ...expiry };
    try {
      // The chunk item doubles as the marker: it can be created once, and the counters move only with it.
      await this.transact([
        { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Update: {
            TableName: this.table,
            Key: { pk, sk: runSk(runId) },
            UpdateExpression: 'ADD chunksDone :one, trialsDone :trials',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':one': 1, ':trials': trials },
          },
        },
      ]);
    } catch (err) {
      if (!(err instanceof Cancelled)) throw err;
      if (err.failed(1)) {
        await this.blobs.discard(pk, sk, blob.attrs);
        throw new NotFound(`run ${runId}`);
      }
      if (!err.failed(0)) {
        await this.blobs.discard(pk, sk, blob.attrs);
        throw err;
      }
      // The chunk was stored and counted before. A copy of the same format stays (the first one wins); one of
      // another or an unknown format is stale and is replaced, counted once all the same.
      if (!(format !== undefined && (await this.replaceStaleChunk(pk, sk, item, format)))) await this.blobs.discard(pk, sk, blob.attrs);
    }
    const run = await this.getRun(tenant, runId);
    if (!run) throw new NotFound(`run ${runId}`);
    return run;
  }

  /** Overwrites a stored chunk unless it already has `format`; true when it did. */
  private async replaceStaleChunk(pk: string, sk: string, item: Item, format: number): Promise<boolean> {
    try {
      const out = await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: item,
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#format) OR #format <> :format)',
          ExpressionAttributeNames: { '#format': 'format' },
          ExpressionAttributeValues: { ':format': format },
          ReturnValues: 'ALL_OLD',
        }),
      );
      await this.blobs.discard(pk, sk, out.Attributes as Partial<BlobAttrs> | undefined);
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async listChunks(tenant: string, runId: string): Promise<StoredChunk[]> {
    const prefix = chunkPrefix(runId);
    const items = await this.queryAll(tenantPk(tenant), prefix, {
      ProjectionExpression: 'sk, #format',
      ExpressionAttributeNames: { '#format': 'format' },
    });
    return items
      .map((item) => ({ suffix: (item.sk as string).slice(prefix.length), format: item.format }))
      .filter(({ suffix }) => /^\d+$/.test(suffix))
      .map(({ suffix, format }) => (typeof format === 'number' ? { index: Number(suffix), format } : { index: Number(suffix) }))
      .sort((a, b) => a.index - b.index);
  }

  async getChunk(tenant: string, runId: string, index: number): Promise<string | null> {
    if (!Number.isSafeInteger(index) || index < 0) return null;
    return this.getBlob(tenantPk(tenant), chunkSk(runId, index));
  }

  async putGroup(tenant: string, runId: string, group: number, partial: string): Promise<void> {
    if (!Number.isInteger(group) || group < 0) throw new RangeError(`group ${group} is not a whole number >= 0`);
    await this.putBlob(tenantPk(tenant), groupSk(runId, group), partial, runDataExpiry());
  }

  async getGroup(tenant: string, runId: string, group: number): Promise<string | null> {
    if (!Number.isSafeInteger(group) || group < 0) return null;
    return this.getBlob(tenantPk(tenant), groupSk(runId, group));
  }

  async putResult(tenant: string, runId: string, result: string, distributions: string): Promise<void> {
    const pk = tenantPk(tenant);
    // Distributions first: whoever sees the result can rely on the distributions being there.
    await this.putBlob(pk, distSk(runId), distributions);
    await this.putBlob(pk, resultSk(runId), result);
  }

  async getResult(tenant: string, runId: string): Promise<string | null> {
    return this.getBlob(tenantPk(tenant), resultSk(runId));
  }

  async getDistributions(tenant: string, runId: string): Promise<string | null> {
    return this.getBlob(tenantPk(tenant), distSk(runId));
  }

  async ping(): Promise<boolean> {
    try {
      const out = await this.doc.send(new DescribeTableCommand({ TableName: this.table }));
      return out.Table?.TableStatus === 'ACTIVE';
    } catch {
      return false;
    }
  }

  // ---- helpers ----

  /** A run from its item, fetching its scenarios when they were too big to sit on it. */
  private async toRun(item: Item): Promise<RunRecord> {
    const run = itemToRun(item);
    if (item.scenariosRef !== true) return run;
    const text = await this.getBlob(item.pk as string, scenariosSk(run.id));
    if (text === null) throw new Error(`run ${run.id}: its scenarios are missing`);
    return { ...run, scenarios: JSON.parse(text) as unknown };
  }

  private async runForKey(tenant: string, key: string): Promise<RunRecord | null> {
    const pointer = await this.get(tenantPk(tenant), idempSk(key));
    return pointer ? this.getRun(tenant, pointer.runId as string) : null;
  }

  private async get(pk: string, sk: string): Promise<Item | null> {
    if (Buffer.byteLength(sk, 'utf8') > MAX_SK_BYTES) return null;
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk, sk }, ConsistentRead: true }));
    return out.Item ?? null;
  }

  /** Writes a replaceable blob, then removes the parts of the value it replaced. `attrs` go on its items too. */
  private async putBlob(pk: string, sk: string, text: string, attrs: Record<string, unknown> = {}): Promise<void> {
    const blob = await this.blobs.prepare(pk, sk, text, attrs);
    await this.blobs.writeParts(blob);
    const out = await this.doc.send(
      new PutCommand({ TableName: this.table, Item: { pk, sk, ...blob.attrs, ...attrs }, ReturnValues: 'ALL_OLD' }),
    );
    const old = out.Attributes as Partial<BlobAttrs> | undefined;
    if (old?.gzId && old.gzId !== blob.attrs.gzId) await this.blobs.discard(pk, sk, old);
  }

  private async getBlob(pk: string, sk: string): Promise<string | null> {
    return (await this.getBlobItem(pk, sk))?.text ?? null;
  }

  private async getBlobItem(pk: string, sk: string): Promise<{ item: Item; text: string } | null> {
    for (let attempt = 0; ; attempt++) {
      const item = await this.get(pk, sk);
      if (!item) return null;
      try {
        return { item, text: await this.blobs.read(pk, sk, item) };
      } catch (err) {
        // A rewrite replaced the value and removed its parts while we read: read the new one.
        if (err instanceof BlobIncomplete && attempt < 2) continue;
        throw err;
      }
    }
  }

  /** Every item of a tenant under a prefix. */
  private async queryAll(
    pk: string,
    prefix: string,
    projection: { ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> } = {},
  ): Promise<Item[]> {
    return (await queryItems(this.doc, { ...this.prefixQuery(pk, prefix), ...projection })).items;
  }

  private prefixQuery(pk: string, prefix: string) {
    return {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      ConsistentRead: true,
    };
  }

  /**
   * One page of a listing. Asks for one item more than the page, so the last page carries no cursor (DynamoDB
   * alone would hand out a cursor to an empty page whenever the limit falls on the end).
   */
  private async page<T>(
    pk: string,
    prefix: string,
    limit: number,
    cursor: string | undefined,
    forward: boolean,
    map: (item: Item) => T,
    projection?: { ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> },
  ): Promise<Page<T>> {
    const size = Math.min(MAX_PAGE, Math.max(1, Math.floor(Number.isFinite(limit) ? limit : 1)));
    const start = cursor === undefined ? undefined : decodeCursor(cursor, pk, prefix);
    const { items } = await queryItems(
      this.doc,
      { ...this.prefixQuery(pk, prefix), ...projection, ScanIndexForward: forward, ExclusiveStartKey: start },
      size + 1,
    );
    if (items.length <= size) return { items: items.map(map) };
    const last = items[size - 1];
    return { items: items.slice(0, size).map(map), cursor: encodeCursor(pk, last.sk as string) };
  }

  /**
   * A transaction, retried while it lost only to a concurrent transaction on the same items (no condition
   * failed): without this, two racing saves could both be refused and neither win.
   */
  private async transact(items: TransactItems): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (err) {
        if (!isNamed(err, 'TransactionCanceledException')) throw err;
        const reasons = (err as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
        const codes = reasons.map((r) => r.Code ?? 'None');
        const transient =
          codes.some((c) => c === 'TransactionConflict' || c === 'ThrottlingError') && !codes.includes('ConditionalCheckFailed');
        if (transient && attempt < MAX_TRANSACT_ATTEMPTS) {
          await sleep(Math.random() * 10 * 2 ** Math.min(attempt, 6));
          continue;
        }
        throw new Cancelled(codes);
      }
    }
  }
}

// ---- cursors: opaque to clients, checked on the way back ----

function encodeCursor(pk: string, sk: string): string {
  return Buffer.from(JSON.stringify({ pk, sk }), 'utf8').toString('base64url');
}

/** The start key a cursor stands for, only if it was handed out for this tenant and this listing. */
function decodeCursor(cursor: string, pk: string, prefix: string): Item {
  if (cursor.length === 0 || cursor.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new BadCursor('malformed cursor');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursor('malformed cursor');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BadCursor('malformed cursor');
  const { pk: cpk, sk: csk, ...rest } = parsed as Record<string, unknown>;
  if (
    Object.keys(rest).length > 0 ||
    cpk !== pk ||
    typeof csk !== 'string' ||
    !csk.startsWith(prefix) ||
    Buffer.byteLength(csk) > MAX_SK_BYTES
  ) {
    throw new BadCursor('cursor does not belong to this listing');
  }
  return { pk, sk: csk };
}

// ---- item <-> record ----

function tokenFields(record: TokenRecord): Item {
  return {
    tenant: record.tenant,
    tokenId: record.tokenId,
    role: record.role,
    label: record.label,
    createdAt: record.createdAt,
    revokedAt: record.revokedAt,
  };
}

function itemToToken(item: Item): TokenRecord {
  return withoutUndefined({
    tenant: item.tenant as string,
    tokenId: item.tokenId as string,
    role: item.role as Role,
    label: item.label as string | undefined,
    createdAt: item.createdAt as string,
    revokedAt: item.revokedAt as string | undefined,
  });
}

function itemToVersionInfo(item: Item): ModelVersionInfo {
  const savedBy = item.savedBy;
  return {
    version: item.version as number,
    name: item.name as string,
    createdAt: item.createdAt as string,
    ...(typeof savedBy === 'string' ? { savedBy } : {}),
  };
}

function itemToHead(item: Item): ModelHead {
  return {
    id: item.id as string,
    name: item.name as string,
    latestVersion: item.latestVersion as number,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}

/** Scenarios are free-form JSON: kept as text so DynamoDB's type mapping (empty sets, number precision) cannot alter them. */
function itemToRun(item: Item): RunRecord {
  return withoutUndefined({
    tenant: item.tenant as string,
    id: item.id as string,
    modelId: item.modelId as string,
    modelVersion: item.modelVersion as number,
    scenarios: typeof item.scenariosJson === 'string' ? (JSON.parse(item.scenariosJson) as unknown) : undefined,
    trials: item.trials as number,
    seed: item.seed as number,
    status: item.status as RunStatus,
    chunks: item.chunks as number,
    chunkSize: item.chunkSize as number,
    chunksDone: item.chunksDone as number,
    trialsDone: item.trialsDone as number,
    createdAt: item.createdAt as string,
    startedAt: item.startedAt as string | undefined,
    finishedAt: item.finishedAt as string | undefined,
    error: item.error as string | undefined,
    errorRef: item.errorRef as string | undefined,
    attempt: item.attempt as number | undefined,
    idempotencyKey: item.idempotencyKey as string | undefined,
  });
}

/**
 * SET clauses for a run patch. Identity and status are not patchable (status is the transition's `to`), nor are
 * scenarios: they are the request as given.
 */
const UNPATCHABLE = new Set(['tenant', 'id', 'status', 'scenarios']);

function patchExpression(patch: Partial<RunRecord>): { expression: string; names: Record<string, string>; values: Item } {
  const names: Record<string, string> = {};
  const values: Item = {};
  let expression = '';
  let n = 0;
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined || UNPATCHABLE.has(field)) continue;
    names[`#f${n}`] = field;
    values[`:f${n}`] = value;
    expression += `, #f${n} = :f${n}`;
    n++;
  }
  return { expression, names, values };
}

function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

function toJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

function isNamed(err: unknown, name: string): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === name;
}

function isConditionFailure(err: unknown): boolean {
  return isNamed(err, 'ConditionalCheckFailedException');
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
