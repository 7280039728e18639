/** Tokens of the caller's own tenant, for admins, mounted at /api/v1/tokens: create, list, revoke. */
import { createRoute, z } from '@hono/zod-openapi';
import { createToken, type RecentTokens } from '../auth/tokens.js';
import { newApi, problemResponse, roleGuard, type AppDeps } from '../http/api.js';
import { NotFoundError } from '../http/errors.js';
import { Id, RoleEnum, TokenLabel } from '../http/schemas.js';

/** The group these routes are listed under in /docs. */
const tags = ['Token / tokens'];
const TokenOut = z.object({
  tokenId: z.string(),
  role: RoleEnum,
  label: z.string().optional(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});

/** `recent`: the app's confirmed tokens, told of a revocation so that it holds from the next request. */
export function tokenRoutes({ store, clock }: AppDeps, recent: RecentTokens) {
  const api = newApi();

  api.openapi(
    createRoute({
      method: 'post',
      tags,
      path: '/',
      middleware: [roleGuard('admin')] as const,
      summary: 'Create a token for this tenant (shown once)',
      request: {
        body: {
          content: { 'application/json': { schema: z.strictObject({ role: RoleEnum, label: TokenLabel.optional() }) } },
          required: true,
        },
      },
      responses: {
        201: { content: { 'application/json': { schema: TokenOut.extend({ token: z.string() }) } }, description: 'The new token' },
      },
    }),
    async (c) => {
      const { role, label } = c.req.valid('json');
      const { token, record } = await createToken(store, c.get('tenant'), role, clock.now(), label);
      const { tenant: _tenant, ...out } = record;
      return c.json({ ...out, token }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      tags,
      path: '/',
      middleware: [roleGuard('admin')] as const,
      summary: "This tenant's tokens (never their secrets)",
      responses: {
        200: { content: { 'application/json': { schema: z.object({ items: z.array(TokenOut) }) } }, description: 'The tokens' },
      },
    }),
    async (c) => {
      const items = (await store.listTokens(c.get('tenant'))).map(({ tenant: _tenant, ...t }) => t);
      return c.json({ items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      tags,
      path: '/{tokenId}',
      middleware: [roleGuard('admin')] as const,
      summary: 'Revoke a token',
      request: { params: z.object({ tokenId: Id }) },
      responses: { 204: { description: 'Revoked' }, 404: problemResponse('No such token') },
    }),
    async (c) => {
      const { tokenId } = c.req.valid('param');
      const ok = await store.revokeToken(c.get('tenant'), tokenId, clock.now().toISOString());
      if (!ok) throw new NotFoundError('No such token.');
      recent.forget(c.get('tenant'), tokenId);
      return c.body(null, 204);
    },
  );

  return api;
}
