CREATE TABLE "audit_chain_head" (
	"id" smallint PRIMARY KEY NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"hash" text NOT NULL,
	"last_id" uuid
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"complaint_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"tracking_code" text NOT NULL,
	"secret_hash" text NOT NULL,
	"kind" text DEFAULT 'complaint' NOT NULL,
	"category" text DEFAULT 'other' NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"channel" text NOT NULL,
	"submitted_by" uuid,
	"contact_sealed" text,
	"pow_challenge" text,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"assigned_at" timestamp with time zone,
	"due_at" timestamp with time zone NOT NULL,
	"escalated_at" timestamp with time zone,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"satisfaction" smallint,
	"satisfaction_note" text,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"close_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaints_satisfaction_ck" CHECK ("complaints"."satisfaction" is null or "complaints"."satisfaction" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "emergency_drills" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"plan_id" uuid,
	"held_on" date NOT NULL,
	"scenario" text NOT NULL,
	"participant_count" integer NOT NULL,
	"participants" text DEFAULT '' NOT NULL,
	"lessons" text DEFAULT '' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"incident_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"body" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"reviewed_on" date,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_log_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"kind" text DEFAULT 'action' NOT NULL,
	"body" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_people" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"role" text NOT NULL,
	"recipient_id" uuid,
	"user_id" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"type" text NOT NULL,
	"severity" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"summary" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reported_by" uuid NOT NULL,
	"review_summary" text,
	"review_causes" text,
	"review_lessons" text,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"supervisor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"format" text DEFAULT 'individual' NOT NULL,
	"held_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"topics" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"agreed_actions" text DEFAULT '' NOT NULL,
	"next_on" date,
	"acknowledged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "worker_qualifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"level" text,
	"number" text NOT NULL,
	"issuer" text NOT NULL,
	"issued_on" date,
	"expires_on" date,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_drills" ADD CONSTRAINT "emergency_drills_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_drills" ADD CONSTRAINT "emergency_drills_plan_id_emergency_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."emergency_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_drills" ADD CONSTRAINT "emergency_drills_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plans" ADD CONSTRAINT "emergency_plans_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plans" ADD CONSTRAINT "emergency_plans_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_log_entries" ADD CONSTRAINT "incident_log_entries_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_log_entries" ADD CONSTRAINT "incident_log_entries_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_people" ADD CONSTRAINT "incident_people_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_people" ADD CONSTRAINT "incident_people_recipient_id_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."recipients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_people" ADD CONSTRAINT "incident_people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_records" ADD CONSTRAINT "supervision_records_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_records" ADD CONSTRAINT "supervision_records_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_records" ADD CONSTRAINT "supervision_records_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_qualifications" ADD CONSTRAINT "worker_qualifications_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_qualifications" ADD CONSTRAINT "worker_qualifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_qualifications" ADD CONSTRAINT "worker_qualifications_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_qualifications" ADD CONSTRAINT "worker_qualifications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_events_complaint_idx" ON "complaint_events" USING btree ("complaint_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_tracking_code_uq" ON "complaints" USING btree ("tracking_code");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_pow_challenge_uq" ON "complaints" USING btree ("pow_challenge");--> statement-breakpoint
CREATE INDEX "complaints_org_status_idx" ON "complaints" USING btree ("org_id","status","due_at");--> statement-breakpoint
CREATE INDEX "complaints_assignee_idx" ON "complaints" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "complaints_submitter_idx" ON "complaints" USING btree ("submitted_by");--> statement-breakpoint
CREATE INDEX "emergency_drills_org_idx" ON "emergency_drills" USING btree ("org_id","held_on");--> statement-breakpoint
CREATE INDEX "emergency_plans_org_idx" ON "emergency_plans" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "incident_log_incident_idx" ON "incident_log_entries" USING btree ("incident_id","at");--> statement-breakpoint
CREATE INDEX "incident_people_incident_idx" ON "incident_people" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "incidents_org_status_idx" ON "incidents" USING btree ("org_id","status","occurred_at");--> statement-breakpoint
CREATE INDEX "supervision_worker_idx" ON "supervision_records" USING btree ("worker_id","held_on");--> statement-breakpoint
CREATE INDEX "supervision_org_idx" ON "supervision_records" USING btree ("org_id","held_on");--> statement-breakpoint
CREATE INDEX "qualifications_user_idx" ON "worker_qualifications" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "qualifications_org_expiry_idx" ON "worker_qualifications" USING btree ("org_id","expires_on");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_seq_uq" ON "audit_log" USING btree ("seq");--> statement-breakpoint
-- Hash chain of the audit trail. The canonical content of a row is a JSON array of its fields in a
-- fixed order (jsonb text output is deterministic); `at` as integer microseconds since the epoch.
CREATE OR REPLACE FUNCTION audit_log_canonical(r audit_log) RETURNS text AS $$
  SELECT jsonb_build_array(
    r.seq, r.id, (extract(epoch FROM r.at) * 1000000)::bigint, r.actor_id, r.org_id, r.action,
    r.target_type, r.target_id, r.result, r.ip, r.request_id, r.details, r.prev_hash
  )::text
$$ LANGUAGE sql STABLE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_row_hash(r audit_log) RETURNS text AS $$
  SELECT encode(sha256(convert_to(audit_log_canonical(r), 'UTF8')), 'hex')
$$ LANGUAGE sql STABLE;
--> statement-breakpoint
-- Existing rows (an upgraded installation) are chained in the order they were written.
ALTER TABLE "audit_log" DISABLE TRIGGER audit_log_no_update;
--> statement-breakpoint
DO $$
DECLARE
  r record;
  prev text := repeat('0', 64);
  n bigint := 0;
  h text;
  last uuid;
BEGIN
  FOR r IN SELECT id FROM audit_log ORDER BY at, id LOOP
    n := n + 1;
    UPDATE audit_log SET seq = n, prev_hash = prev WHERE id = r.id;
    SELECT audit_log_row_hash(a) INTO h FROM audit_log a WHERE a.id = r.id;
    UPDATE audit_log SET hash = h WHERE id = r.id;
    prev := h;
    last := r.id;
  END LOOP;
  INSERT INTO audit_chain_head (id, seq, hash, last_id) VALUES (1, n, prev, last);
END
$$;
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER audit_log_no_update;
--> statement-breakpoint
-- Every insert, by any code, joins the chain. Locking the head row until the inserting transaction
-- ends serialises appends across connections and processes; a rolled-back insert leaves no gap.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger AS $$
DECLARE
  head audit_chain_head%ROWTYPE;
BEGIN
  SELECT * INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit chain head is missing';
  END IF;
  NEW.seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.hash := audit_log_row_hash(NEW);
  UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash, last_id = NEW.id WHERE id = 1;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
--> statement-breakpoint
-- The chain head may only move forward through the trigger.
CREATE OR REPLACE FUNCTION audit_chain_head_refuse_delete() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_chain_head cannot be removed' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE OR TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_refuse_delete();
--> statement-breakpoint
-- China's public holidays and the weekend days worked in exchange (调休), from the State Council's
-- notices for 2025 and 2026. Later years: the platform admin adds them.
INSERT INTO "calendar_days" ("day", "kind", "name") VALUES
('2025-01-01', 'holiday', '元旦'),
('2025-01-28', 'holiday', '春节'),
('2025-01-29', 'holiday', '春节'),
('2025-01-30', 'holiday', '春节'),
('2025-01-31', 'holiday', '春节'),
('2025-02-01', 'holiday', '春节'),
('2025-02-02', 'holiday', '春节'),
('2025-02-03', 'holiday', '春节'),
('2025-02-04', 'holiday', '春节'),
('2025-04-04', 'holiday', '清明节'),
('2025-04-05', 'holiday', '清明节'),
('2025-04-06', 'holiday', '清明节'),
('2025-05-01', 'holiday', '劳动节'),
('2025-05-02', 'holiday', '劳动节'),
('2025-05-03', 'holiday', '劳动节'),
('2025-05-04', 'holiday', '劳动节'),
('2025-05-05', 'holiday', '劳动节'),
('2025-05-31', 'holiday', '端午节'),
('2025-06-01', 'holiday', '端午节'),
('2025-06-02', 'holiday', '端午节'),
('2025-10-01', 'holiday', '国庆节、中秋节'),
('2025-10-02', 'holiday', '国庆节、中秋节'),
('2025-10-03', 'holiday', '国庆节、中秋节'),
('2025-10-04', 'holiday', '国庆节、中秋节'),
('2025-10-05', 'holiday', '国庆节、中秋节'),
('2025-10-06', 'holiday', '国庆节、中秋节'),
('2025-10-07', 'holiday', '国庆节、中秋节'),
('2025-10-08', 'holiday', '国庆节、中秋节'),
('2026-01-01', 'holiday', '元旦'),
('2026-01-02', 'holiday', '元旦'),
('2026-01-03', 'holiday', '元旦'),
('2026-02-15', 'holiday', '春节'),
('2026-02-16', 'holiday', '春节'),
('2026-02-17', 'holiday', '春节'),
('2026-02-18', 'holiday', '春节'),
('2026-02-19', 'holiday', '春节'),
('2026-02-20', 'holiday', '春节'),
('2026-02-21', 'holiday', '春节'),
('2026-02-22', 'holiday', '春节'),
('2026-02-23', 'holiday', '春节'),
('2026-04-04', 'holiday', '清明节'),
('2026-04-05', 'holiday', '清明节'),
('2026-04-06', 'holiday', '清明节'),
('2026-05-01', 'holiday', '劳动节'),
('2026-05-02', 'holiday', '劳动节'),
('2026-05-03', 'holiday', '劳动节'),
('2026-05-04', 'holiday', '劳动节'),
('2026-05-05', 'holiday', '劳动节'),
('2026-06-19', 'holiday', '端午节'),
('2026-06-20', 'holiday', '端午节'),
('2026-06-21', 'holiday', '端午节'),
('2026-09-25', 'holiday', '中秋节'),
('2026-09-26', 'holiday', '中秋节'),
('2026-09-27', 'holiday', '中秋节'),
('2026-10-01', 'holiday', '国庆节'),
('2026-10-02', 'holiday', '国庆节'),
('2026-10-03', 'holiday', '国庆节'),
('2026-10-04', 'holiday', '国庆节'),
('2026-10-05', 'holiday', '国庆节'),
('2026-10-06', 'holiday', '国庆节'),
('2026-10-07', 'holiday', '国庆节'),
('2025-01-26', 'workday', '春节调休'),
('2025-02-08', 'workday', '春节调休'),
('2025-04-27', 'workday', '劳动节调休'),
('2025-09-28', 'workday', '国庆节调休'),
('2025-10-11', 'workday', '国庆节调休'),
('2026-01-04', 'workday', '元旦调休'),
('2026-02-14', 'workday', '春节调休'),
('2026-02-28', 'workday', '春节调休'),
('2026-05-09', 'workday', '劳动节调休'),
('2026-09-20', 'workday', '国庆节调休'),
('2026-10-10', 'workday', '国庆节调休')
ON CONFLICT ("day") DO NOTHING;
