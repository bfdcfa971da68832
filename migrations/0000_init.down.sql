-- Reverses 0000_init.sql: drops every table and enum it created. All data in them is lost.
DROP TABLE IF EXISTS "settings_tokens";
DROP TABLE IF EXISTS "meal_plans";
DROP TABLE IF EXISTS "carts";
DROP TABLE IF EXISTS "outbound_messages";
DROP TABLE IF EXISTS "inbound_messages";
DROP TABLE IF EXISTS "ftp_credentials";
DROP TABLE IF EXISTS "user_preferences";
DROP TABLE IF EXISTS "users";
DROP TYPE IF EXISTS "public"."plan_source";
DROP TYPE IF EXISTS "public"."cart_source";
DROP TYPE IF EXISTS "public"."outbound_status";
DROP TYPE IF EXISTS "public"."inbound_state";
DROP TYPE IF EXISTS "public"."user_state";
