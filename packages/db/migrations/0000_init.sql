CREATE TABLE "api_tokens" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"secret_hash" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "chat_identities" (
	"tenant_id" text NOT NULL,
	"platform" text NOT NULL,
	"user_id" text NOT NULL,
	"agent" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_identities_tenant_id_platform_user_id_pk" PRIMARY KEY("tenant_id","platform","user_id")
);
--> statement-breakpoint
CREATE TABLE "chat_subscriptions" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"platform" text NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"schedule" jsonb,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_subscriptions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "configs" (
	"tenant_id" text NOT NULL,
	"version" integer NOT NULL,
	"body" jsonb NOT NULL,
	"changed_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "configs_tenant_id_version_pk" PRIMARY KEY("tenant_id","version")
);
--> statement-breakpoint
CREATE TABLE "cycles" (
	"tenant_id" text NOT NULL,
	"ticket_id" text NOT NULL,
	"metric" text NOT NULL,
	"cycle" integer NOT NULL,
	"status" text NOT NULL,
	"policy" text,
	"calendar" text,
	"target_seconds" integer NOT NULL,
	"elapsed_seconds" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"stopped_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"outcome_at" timestamp with time zone,
	"warnings_fired" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fired" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"next_check_at" timestamp with time zone,
	"team" text,
	"agent" text,
	"priority" text,
	"channel" text,
	"evaluated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cycles_tenant_id_ticket_id_metric_cycle_pk" PRIMARY KEY("tenant_id","ticket_id","metric","cycle")
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"tenant_id" text NOT NULL,
	"notification_id" bigint NOT NULL,
	"destination" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone,
	"message_ref" text,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "deliveries_tenant_id_notification_id_destination_pk" PRIMARY KEY("tenant_id","notification_id","destination")
);
--> statement-breakpoint
CREATE TABLE "digest_runs" (
	"tenant_id" text NOT NULL,
	"subscription_id" text NOT NULL,
	"period" text NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "digest_runs_tenant_id_subscription_id_period_pk" PRIMARY KEY("tenant_id","subscription_id","period")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"tenant_id" text NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"ticket_id" text NOT NULL,
	"metric" text NOT NULL,
	"cycle" integer NOT NULL,
	"level" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_events" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"ticket_id" text NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"body" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "ticket_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	CONSTRAINT "ticket_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"policy" text,
	"state" text DEFAULT 'open' NOT NULL,
	"last_event_at" timestamp with time zone,
	"evaluated_at" timestamp with time zone,
	CONSTRAINT "tickets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_id_key" ON "api_tokens" USING btree ("id");--> statement-breakpoint
CREATE INDEX "chat_identities_agent" ON "chat_identities" USING btree ("tenant_id","agent");--> statement-breakpoint
CREATE INDEX "cycles_next_check" ON "cycles" USING btree ("next_check_at") WHERE "cycles"."next_check_at" is not null;--> statement-breakpoint
CREATE INDEX "cycles_outcome" ON "cycles" USING btree ("tenant_id","outcome_at");--> statement-breakpoint
CREATE INDEX "deliveries_due" ON "deliveries" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_once" ON "notifications" USING btree ("tenant_id","ticket_id","metric","cycle","level");--> statement-breakpoint
CREATE INDEX "ticket_events_by_ticket" ON "ticket_events" USING btree ("tenant_id","ticket_id","at");