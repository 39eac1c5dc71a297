import { defineConfig } from 'drizzle-kit';

// One schema, one migration history for PGlite and PostgreSQL: both speak the PostgreSQL dialect.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './server/db/migrations',
});
