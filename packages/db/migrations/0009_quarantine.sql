CREATE TABLE "quarantined_tickets" (
	"tenant_id" text NOT NULL,
	"ticket_id" text NOT NULL,
	"error" text NOT NULL,
	"code" text,
	"first_failed_at" timestamp with time zone NOT NULL,
	"last_failed_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "quarantined_tickets_tenant_id_ticket_id_pk" PRIMARY KEY("tenant_id","ticket_id")
);
