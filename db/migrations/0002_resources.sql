CREATE TYPE "public"."resource_source" AS ENUM('family', 'neighbourhood', 'community', 'society');--> statement-breakpoint
CREATE TYPE "public"."resource_status" AS ENUM('draft', 'active', 'paused', 'expired');--> statement-breakpoint
CREATE TYPE "public"."resource_type" AS ENUM('human', 'material', 'financial', 'cultural', 'organizational');--> statement-breakpoint
CREATE TYPE "public"."resource_visibility" AS ENUM('public', 'org');--> statement-breakpoint
CREATE TABLE "resource_locations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resource_id" uuid NOT NULL,
	"name" text,
	"address" text NOT NULL,
	"district_code" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"alternate_name" text,
	"description" text DEFAULT '' NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"url" text,
	"resource_type" "resource_type" NOT NULL,
	"source" "resource_source" DEFAULT 'society' NOT NULL,
	"visibility" "resource_visibility" DEFAULT 'public' NOT NULL,
	"status" "resource_status" DEFAULT 'draft' NOT NULL,
	"need_categories" text[] NOT NULL,
	"recipient_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"age_min" integer,
	"age_max" integer,
	"district_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"required_documents" text[] DEFAULT '{}'::text[] NOT NULL,
	"eligibility_note" text,
	"capacity_total" integer DEFAULT 0 NOT NULL,
	"capacity_available" integer DEFAULT 0 NOT NULL,
	"capacity_unit" text DEFAULT '人' NOT NULL,
	"schedule_rrule" text,
	"schedule_note" text,
	"cost_fen" integer,
	"cost_note" text,
	"languages" text[] DEFAULT '{zh}'::text[] NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"contact_email" text,
	"last_verified_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resources_capacity_ck" CHECK ("resources"."capacity_available" >= 0 and "resources"."capacity_available" <= "resources"."capacity_total"),
	CONSTRAINT "resources_age_ck" CHECK ("resources"."age_min" is null or "resources"."age_max" is null or "resources"."age_min" <= "resources"."age_max")
);
--> statement-breakpoint
ALTER TABLE "resource_locations" ADD CONSTRAINT "resource_locations_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resource_locations_resource_idx" ON "resource_locations" USING btree ("resource_id");--> statement-breakpoint
CREATE INDEX "resources_org_idx" ON "resources" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "resources_status_idx" ON "resources" USING btree ("status","visibility");