// Responses are written by fast-json-stringify from each route's zod response schema. Like a zod
// encode it writes only the fields the schema names (nothing else leaves the server), but it is
// compiled once per route, which keeps hot lists fast.
import fastJson from 'fast-json-stringify';
import { z } from 'zod';

export function serializerCompiler({ schema }: { schema: unknown }): (data: unknown) => string {
  if (!(schema instanceof z.ZodType)) return (data) => JSON.stringify(data);
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return fastJson(json as never) as (data: unknown) => string;
}
