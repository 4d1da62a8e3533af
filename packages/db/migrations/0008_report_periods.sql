CREATE TABLE "report_periods" (
	"tenant_id" text NOT NULL,
	"zone" text NOT NULL,
	"unit" text NOT NULL,
	"shape" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"rows" json NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_periods_tenant_id_zone_unit_shape_period_start_pk" PRIMARY KEY("tenant_id","zone","unit","shape","period_start")
);
--> statement-breakpoint
CREATE TABLE "report_shapes" (
	"tenant_id" text NOT NULL,
	"zone" text NOT NULL,
	"unit" text NOT NULL,
	"shape" text NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_shapes_tenant_id_zone_unit_shape_pk" PRIMARY KEY("tenant_id","zone","unit","shape")
);
--> statement-breakpoint
CREATE INDEX "report_periods_span" ON "report_periods" USING btree ("tenant_id","period_start","period_end");
--> statement-breakpoint
-- A cycle whose outcome changes (a late event, a breach recorded, a config change, a deleted
-- ticket) makes the stored periods it falls in wrong: they are deleted in the same
-- transaction. Writers take a shared advisory lock per tenant; a report storing a period
-- takes it exclusively and re-checks the period's cycles first (report-periods.ts), so a
-- period computed from a snapshot older than a writer in flight is never stored.
CREATE FUNCTION "report_periods_invalidate"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	touched text[];
BEGIN
	-- The tenants written; an update never moves a cycle to another tenant.
	IF TG_OP = 'DELETE' THEN
		SELECT array_agg(DISTINCT "tenant_id") INTO touched FROM "old_rows" WHERE "outcome_at" IS NOT NULL;
	ELSIF TG_OP = 'UPDATE' THEN
		SELECT array_agg(DISTINCT "tenant_id") INTO touched FROM "new_rows";
	ELSE
		SELECT array_agg(DISTINCT "tenant_id") INTO touched FROM "new_rows" WHERE "outcome_at" IS NOT NULL;
	END IF;
	IF touched IS NULL THEN
		RETURN NULL;
	END IF;
	PERFORM pg_advisory_xact_lock_shared(hashtextextended('breachless.report:' || t, 0)) FROM unnest(touched) t;
	IF NOT EXISTS (SELECT 1 FROM "report_periods" WHERE "tenant_id" = ANY(touched)) THEN
		RETURN NULL;
	END IF;
	-- One probe per distinct outcome instant, not per row: a tick's rows share few instants.
	IF TG_OP = 'DELETE' THEN
		DELETE FROM "report_periods" p
			USING (SELECT DISTINCT "tenant_id", "outcome_at" FROM "old_rows" WHERE "outcome_at" IS NOT NULL) c
			WHERE p."tenant_id" = c."tenant_id" AND p."period_start" <= c."outcome_at" AND c."outcome_at" < p."period_end";
	ELSIF TG_OP = 'UPDATE' THEN
		DELETE FROM "report_periods" p
			USING (SELECT "tenant_id", "outcome_at" FROM "new_rows" WHERE "outcome_at" IS NOT NULL
				UNION SELECT "tenant_id", "outcome_at" FROM "old_rows" WHERE "outcome_at" IS NOT NULL) c
			WHERE p."tenant_id" = c."tenant_id" AND p."period_start" <= c."outcome_at" AND c."outcome_at" < p."period_end";
	ELSE
		DELETE FROM "report_periods" p
			USING (SELECT DISTINCT "tenant_id", "outcome_at" FROM "new_rows" WHERE "outcome_at" IS NOT NULL) c
			WHERE p."tenant_id" = c."tenant_id" AND p."period_start" <= c."outcome_at" AND c."outcome_at" < p."period_end";
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "cycles_report_insert" AFTER INSERT ON "cycles"
	REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "report_periods_invalidate"();
--> statement-breakpoint
CREATE TRIGGER "cycles_report_update" AFTER UPDATE ON "cycles"
	REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "report_periods_invalidate"();
--> statement-breakpoint
CREATE TRIGGER "cycles_report_delete" AFTER DELETE ON "cycles"
	REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "report_periods_invalidate"();
