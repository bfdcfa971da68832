// drizzle-kit reads this to generate migrations/ from app/store/schema.ts. Generation needs no database;
// applying goes through `npm run migrate` (app/store/migrate-cli.ts), which works on PostgreSQL and PGlite.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./app/store/schema.ts",
  out: "./migrations",
  strict: true,
  verbose: true,
});
