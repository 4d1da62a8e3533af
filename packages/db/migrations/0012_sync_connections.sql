CREATE TABLE "sync_connections" (
	"tenant_id" text NOT NULL,
	"platform" text NOT NULL,
	"base_url" text NOT NULL,
	"credentials" jsonb NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"phase" text DEFAULT 'backfill' NOT NULL,
	"cursor" text,
	"cursor_at" timestamp with time zone,
	"interval_seconds" integer DEFAULT 300 NOT NULL,
	"next_run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"lease_owner" text,
	"last_success_at" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"failures" integer DEFAULT 0 NOT NULL,
	"backfilled" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reconciled" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"credentials_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_connections_tenant_id_platform_pk" PRIMARY KEY("tenant_id","platform")
);
--> statement-breakpoint
CREATE INDEX "sync_connections_due" ON "sync_connections" USING btree ("next_run_at");