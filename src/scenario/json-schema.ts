// The scenario format as JSON Schema, generated from the zod schema so the two cannot drift. It
// describes what a user writes (defaults are optional), for editors and for docs/.
import { z } from 'zod';
import { scenarioSchema } from './schema.ts';

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
  const document = {
    $id: 'https://audit-race.invalid/scenario.schema.json',
    title: 'audit-race scenario',
    description: 'A suite run for audit-race: store, DataStorage, processes, teardown, variation.',
    ...schema,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
