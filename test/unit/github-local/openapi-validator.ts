import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';

/** Validates responses of the local server against GitHub's OpenAPI description (@octokit/openapi). */

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  responses: Record<string, Json>;
}
interface Route {
  method: string;
  template: string;
  regex: RegExp;
  literal: number;
  op: Operation;
}

const spec = JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; responses: Record<string, Json> };
};

/** OpenAPI 3.0 → JSON Schema for Ajv: `nullable`, discriminated `oneOf`, refs into one registered document. */
function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === 'example' || k === 'examples' || k === 'discriminator') continue;
    if (k === '$ref' && typeof v === 'string') out.$ref = v.replace(/^#\/components\/schemas\//, 'openapi#/components/schemas/');
    else out[k] = convert(v);
  }
  // private-user and public-user both match a private profile; GitHub picks by discriminator, we accept either.
  if ((node as Json).discriminator && out.oneOf) {
    out.anyOf = out.oneOf;
    delete out.oneOf;
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    } else {
      return { anyOf: [{ type: 'null' }, out] };
    }
  }
  return out;
}

const schemas = convert(spec.components.schemas) as Record<string, Json>;

const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addSchema({ $id: 'openapi', components: { schemas } });

const routes: Route[] = [];
for (const [template, ops] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(ops)) {
    if (method === 'parameters' || !op.operationId) continue;
    const regex = new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '/?$');
    routes.push({ method: method.toUpperCase(), template, regex, literal: template.replace(/\{[^}]+\}/g, '').length, op });
  }
}

export const PACKAGE_OPERATIONS = routes
  .filter((r) => r.op.operationId.startsWith('packages/'))
  .map((r) => r.op.operationId)
  .sort();

export function findOperation(method: string, rawPath: string): Route | undefined {
  const path = rawPath.split('?')[0];
  return routes.filter((r) => r.method === method && r.regex.test(path)).sort((a, b) => b.literal - a.literal)[0];
}

const compiled = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: Json): ValidateFunction {
  let v = compiled.get(key);
  if (!v) {
    v = ajv.compile(convert(schema) as Json);
    compiled.set(key, v);
  }
  return v;
}

function resolveResponse(r: Json): Json {
  const ref = r.$ref;
  return typeof ref === 'string' ? spec.components.responses[ref.split('/').pop()!] : r;
}

export const covered = new Set<string>();

/** Returns a list of problems (empty when the response matches the operation's documented response). */
export function validateResponse(
  method: string,
  rawPath: string,
  status: number,
  body: unknown,
): { operationId?: string; problems: string[] } {
  const route = findOperation(method, rawPath);
  if (!route) return { problems: [`no OpenAPI operation for ${method} ${rawPath}`] };
  const operationId = route.op.operationId;
  covered.add(operationId);
  let response = route.op.responses[String(status)];
  // Undocumented error statuses (404 on get-package, 400 rule refusals…) must still be GitHub's basic error.
  if (!response && status >= 400) response = spec.components.responses.not_found;
  if (!response) return { operationId, problems: [`${operationId}: status ${status} is not documented`] };
  const resolved = resolveResponse(response);
  const schema = ((resolved.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema as Json | undefined;
  if (!schema && status >= 400 && body !== undefined)
    return validateResponseSchema(operationId, status, { $ref: '#/components/schemas/basic-error' }, body);
  if (!schema) {
    return {
      operationId,
      problems: body === undefined || body === '' ? [] : [`${operationId} ${status}: documented without a body but got one`],
    };
  }
  return validateResponseSchema(operationId, status, schema, body);
}

function validateResponseSchema(
  operationId: string,
  status: number,
  schema: Json,
  body: unknown,
): { operationId?: string; problems: string[] } {
  const validate = validatorFor(`${operationId} ${status}`, schema);
  if (validate(body)) return { operationId, problems: [] };
  return {
    operationId,
    problems: (validate.errors ?? [])
      .slice(0, 8)
      .map((e) => `${operationId} ${status}: ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`),
  };
}
