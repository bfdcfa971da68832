-- Reverses 0001_consent_and_suppression.sql. The consent log is legal evidence kept for 5 years: take a backup
-- (npm run backup) before running this anywhere but a scratch database.
DROP TABLE IF EXISTS "consent_events";
DROP TABLE IF EXISTS "suppressed_numbers";
DROP TYPE IF EXISTS "public"."consent_event_type";
DROP TYPE IF EXISTS "public"."consent_channel";
