// Entry of an exploration worker thread: loads the TypeScript worker through tsx, as the CLI's
// own entry does, since worker threads do not inherit the main thread's module hooks.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
