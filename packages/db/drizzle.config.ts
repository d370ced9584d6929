import { defineConfig } from 'drizzle-kit';

// Migrations are made against the schema files and applied on start by both drivers.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './drizzle',
});
