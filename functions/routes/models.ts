/** Models, mounted at /api/v1/models: create, list, read (latest or a version), list versions, save a new version with If-Match. */
import { createRoute, z } from '@hono/zod-openapi';
import { Model } from '../../simulation/schema.js';
import { newApi, problemResponse, roleGuard, type AppDeps } from '../http/api.js';
import { etag, ifMatchVersion } from '../http/conditional.js';
import { ConflictError, NotFoundError } from '../http/errors.js';
import { DecimalWhole, IdParam, pageOf, Paging } from '../http/schemas.js';
import { newId } from '../ids.js';
import { listVersions } from '../services/model-versions.js';
import { Conflict } from '../store/port.js';

/** The group these routes are listed under in /docs. */
const tags = ['Modeller / models'];

const Created = z.object({ id: z.string(), version: z.number().int() });
const ModelHead = z.object({
  id: z.string(),
  name: z.string(),
  latestVersion: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const ModelVersionOut = z.object({ id: z.string(), version: z.number().int(), createdAt: z.string(), model: z.unknown() });
const VersionEntry = z.object({
  version: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
  savedBy: z.string().optional().openapi({ description: 'The label of the token that saved it, when it has one' }),
});
const jsonBody = { content: { 'application/json': { schema: Model } }, required: true };

export function modelRoutes({ store, clock }: AppDeps) {
  const api = newApi();

  api.openapi(
    createRoute({
      method: 'post',
      tags,
      path: '/',
      middleware: [roleGuard('editor')] as const,
      summary: 'Save a new model (version 1)',
      request: { body: jsonBody },
      responses: {
        201: { content: { 'application/json': { schema: Created } }, description: 'Saved' },
        400: problemResponse('Invalid model'),
      },
    }),
    async (c) => {
      const model = c.req.valid('json');
      const now = clock.now();
      const head = await store.createModel(c.get('tenant'), newId(now), model.name, model, now.toISOString(), c.get('tokenId'));
      c.header('ETag', etag(head.latestVersion));
      c.header('Location', `/api/v1/models/${head.id}`);
      return c.json({ id: head.id, version: head.latestVersion }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      tags,
      path: '/',
      summary: "List the tenant's models",
      request: { query: Paging },
      responses: { 200: { content: { 'application/json': { schema: pageOf(ModelHead) } }, description: 'A page' } },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      return c.json(await store.listModels(c.get('tenant'), limit, cursor), 200);
    },
  );

  const readVersion = async (tenant: string, id: string, version?: number) => {
    const head = await store.getModelHead(tenant, id);
    if (!head) return null;
    const found = await store.getModelVersion(tenant, id, version ?? head.latestVersion);
    if (!found) return null;
    // The answer as documented: who saved it is the history's to say, by the token's label, never its id.
    const { savedBy: _savedBy, ...v } = found;
    return v;
  };

  api.openapi(
    createRoute({
      method: 'get',
      tags,
      path: '/{id}',
      summary: 'The latest version of a model',
      request: { params: IdParam },
      responses: {
        200: { content: { 'application/json': { schema: ModelVersionOut } }, description: 'The model' },
        404: problemResponse('No such model'),
      },
    }),
    async (c) => {
      const v = await readVersion(c.get('tenant'), c.req.valid('param').id);
      if (!v) throw new NotFoundError('No such model.');
      c.header('ETag', etag(v.version));
      return c.json(v, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      tags,
      path: '/{id}/versions',
      summary: "A model's versions, newest first, without the models",
      request: { params: IdParam, query: Paging },
      responses: {
        200: { content: { 'application/json': { schema: pageOf(VersionEntry) } }, description: 'A page' },
        400: problemResponse('A bad limit or cursor'),
        404: problemResponse('No such model'),
      },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const page = await listVersions(store, c.get('tenant'), c.req.valid('param').id, limit, cursor);
      if (!page) throw new NotFoundError('No such model.');
      return c.json(page, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      tags,
      path: '/{id}/versions/{n}',
      summary: 'One saved version of a model',
      request: { params: IdParam.extend({ n: DecimalWhole.pipe(z.number().min(1)) }) },
      responses: {
        200: { content: { 'application/json': { schema: ModelVersionOut } }, description: 'The version' },
        404: problemResponse('No such model or version'),
      },
    }),
    async (c) => {
      const { id, n } = c.req.valid('param');
      const v = await readVersion(c.get('tenant'), id, n);
      if (!v) throw new NotFoundError('No such model or version.');
      c.header('ETag', etag(v.version));
      return c.json(v, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      tags,
      path: '/{id}',
      middleware: [roleGuard('editor')] as const,
      summary: 'Save a new version; If-Match must name the current version',
      request: { params: IdParam, headers: z.object({ 'if-match': z.string().optional() }), body: jsonBody },
      responses: {
        200: { content: { 'application/json': { schema: Created } }, description: 'Saved as a new version' },
        404: problemResponse('No such model'),
        409: problemResponse('If-Match names a version that is no longer the latest'),
        428: problemResponse('If-Match is missing'),
      },
    }),
    async (c) => {
      const expected = ifMatchVersion(c.req.header('If-Match'));
      const { id } = c.req.valid('param');
      const model = c.req.valid('json');
      const tenant = c.get('tenant');
      if (!(await store.getModelHead(tenant, id))) throw new NotFoundError('No such model.');
      try {
        const head = await store.saveModelVersion(tenant, id, expected, model.name, model, clock.now().toISOString(), c.get('tokenId'));
        c.header('ETag', etag(head.latestVersion));
        return c.json({ id, version: head.latestVersion }, 200);
      } catch (e) {
        if (!(e instanceof Conflict)) throw e;
        const head = await store.getModelHead(tenant, id);
        throw new ConflictError(
          `Version ${expected} is not the latest (${head?.latestVersion}); fetch it, merge your edits and try again.`,
          { title: 'Modellen har ändrats / the model has changed', extra: { latestVersion: head?.latestVersion } },
        );
      }
    },
  );

  return api;
}
