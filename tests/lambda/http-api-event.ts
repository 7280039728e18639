/**
 * The event API Gateway's HTTP API (payload format 2.0) sends the API Lambda, for tests that drive the handler or
 * its bundle as API Gateway would.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export interface HttpApiRequest {
  method?: string;
  path: string;
  token?: string;
  json?: unknown;
  body?: string;
  /** More request headers, as a client sends them (API Gateway passes them on lower-cased). */
  headers?: Record<string, string>;
}

/** The event API Gateway's HTTP API sends for a request, with the fields its payload format 2.0 always has. */
export function httpApiEvent({ method = 'GET', path, token, json, body, headers: extra = {} }: HttpApiRequest): APIGatewayProxyEventV2 {
  const [rawPath, rawQueryString = ''] = path.split('?');
  const headers: Record<string, string> = { host: 'abc123.execute-api.eu-north-1.amazonaws.com', 'user-agent': 'vitest' };
  for (const [k, v] of Object.entries(extra)) headers[k.toLowerCase()] = v;
  if (token) headers.authorization = `Bearer ${token}`;
  const text = json !== undefined ? JSON.stringify(json) : body;
  if (text !== undefined) headers['content-type'] = 'application/json';
  const query = new URLSearchParams(rawQueryString);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers,
    ...(rawQueryString ? { queryStringParameters: Object.fromEntries(query) } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-north-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '01/May/2026:10:00:00 +0000',
      timeEpoch: 1777629600000,
    },
    ...(text !== undefined ? { body: text } : {}),
    isBase64Encoded: false,
  };
}
