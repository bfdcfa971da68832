CREATE TYPE "public"."consent_channel" AS ENUM('web', 'sms', 'carrier', 'operator');--> statement-breakpoint
CREATE TYPE "public"."consent_event_type" AS ENUM('web_consent', 'confirmation_sent', 'confirmed', 'opt_out', 'opt_in', 'carrier_opt_out', 'operator_opt_out');--> statement-breakpoint
CREATE TABLE "consent_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"phone" text NOT NULL,
	"user_id" uuid,
	"type" "consent_event_type" NOT NULL,
	"channel" "consent_channel" NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"evidence" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppressed_numbers" (
	"phone" text PRIMARY KEY NOT NULL,
	"suppressed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "consent_events_phone_at_idx" ON "consent_events" USING btree ("phone","at");