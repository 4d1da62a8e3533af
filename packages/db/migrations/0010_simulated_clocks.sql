CREATE TABLE "simulated_clocks" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"sim_at" timestamp with time zone NOT NULL,
	"shift_ms" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
