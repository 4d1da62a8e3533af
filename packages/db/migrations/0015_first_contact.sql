ALTER TABLE "tickets" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "first_contact" jsonb;--> statement-breakpoint
CREATE INDEX "tickets_resolved" ON "tickets" USING btree ("tenant_id","resolved_at") WHERE "tickets"."resolved_at" is not null;