CREATE TABLE "webhook_secrets" (
	"tenant_id" text NOT NULL,
	"platform" text NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_secrets_tenant_id_platform_secret_pk" PRIMARY KEY("tenant_id","platform","secret")
);
