CREATE TABLE "chat_installations" (
	"platform" text NOT NULL,
	"workspace" text NOT NULL,
	"tenant_id" text NOT NULL,
	"installation" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_installations_platform_workspace_pk" PRIMARY KEY("platform","workspace")
);
--> statement-breakpoint
CREATE TABLE "chat_receipts" (
	"platform" text NOT NULL,
	"id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "chat_receipts_platform_id_pk" PRIMARY KEY("platform","id")
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "settled" text;--> statement-breakpoint
CREATE INDEX "chat_installations_tenant" ON "chat_installations" USING btree ("tenant_id","platform");--> statement-breakpoint
CREATE INDEX "chat_receipts_age" ON "chat_receipts" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "deliveries_unsettled" ON "deliveries" USING btree ("tenant_id","notification_id") WHERE "deliveries"."state" = 'delivered' and "deliveries"."settled" is null;