CREATE TABLE "cycle_acks" (
	"tenant_id" text NOT NULL,
	"ticket_id" text NOT NULL,
	"metric" text NOT NULL,
	"cycle" integer NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cycle_acks_tenant_id_ticket_id_metric_cycle_user_id_pk" PRIMARY KEY("tenant_id","ticket_id","metric","cycle","user_id")
);
