CREATE TABLE "queue_interactions" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"queue" text NOT NULL,
	"channel" text,
	"offered_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"abandoned_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "queue_interactions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "queue_interactions_offered" ON "queue_interactions" USING btree ("tenant_id","offered_at");