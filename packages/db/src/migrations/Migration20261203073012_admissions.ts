import { Migration } from '@mikro-orm/migrations';

/** Admissions (seed 003): blind admission cycles, the identity map, anonymized applications, batches, results, scores, selection. */
export class Migration20261203073012_admissions extends Migration {
  override name = 'Migration20261203073012_admissions';

  override up(): void | Promise<void> {
    this.addSql(`create type "admission_phase" as enum ('DRAFT', 'SUBMISSION', 'FROZEN', 'PREPROCESSING', 'BATCH_PREP', 'PROCESSING', 'SCORED', 'SELECTION', 'PUBLISHED', 'COMPLETED');`);
    this.addSql(`create type "admission_status" as enum ('SUBMITTED', 'ANONYMIZED', 'BATCHED', 'SCORED', 'SELECTED', 'NOT_SELECTED');`);
    this.addSql(`create type "admission_override_decision" as enum ('include', 'exclude');`);
    this.addSql(`create type "admission_judge_verdict" as enum ('accept', 'adjust', 'reject');`);
    this.addSql(`create table "admission_rate_limits" ("key" varchar(64) not null, "window_start" timestamptz(3) not null, "count" int not null default 0, primary key ("key"));`);
    this.addSql(`create table "admission_cycles" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "version" int not null default 1, "slug" varchar(80) not null, "name" varchar(200) not null, "description" text not null default '', "questions" jsonb not null, "criteria" jsonb not null, "capacity" int not null, "opens_at" timestamptz(3) null, "closes_at" timestamptz(3) null, "phase" "admission_phase" not null default 'DRAFT', "created_by_id" uuid null, primary key ("id"));`);
    this.addSql(`alter table "admission_cycles" add constraint "admission_cycles_slug_unique" unique ("slug");`);
    this.addSql(`create table "admission_selection_logs" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "cycle_id" uuid not null, "run_by_id" uuid null, "rule" text not null, "inputs" jsonb not null, "result" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "admission_selection_logs_cycle_id_index" on "admission_selection_logs" ("cycle_id");`);
    this.addSql(`create table "admission_applications" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "cycle_id" uuid not null, "identity_sealed" jsonb not null, "answers_sealed" jsonb not null, "email_index" varchar(64) not null, "receipt_hash" varchar(64) not null, "status" "admission_status" not null default 'SUBMITTED', "promoted_candidate_id" uuid null, "promoted_application_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "admission_applications_cycle_status_idx" on "admission_applications" ("cycle_id", "status");`);
    this.addSql(`alter table "admission_applications" add constraint "admission_applications_cycle_email_unique" unique ("cycle_id", "email_index");`);
    this.addSql(`create table "admission_overrides" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "cycle_id" uuid not null, "application_id" uuid not null, "decision" "admission_override_decision" not null, "reason" text not null, "decided_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "admission_overrides_cycle_id_index" on "admission_overrides" ("cycle_id");`);
    this.addSql(`alter table "admission_overrides" add constraint "admission_overrides_application_unique" unique ("application_id");`);
    this.addSql(`create table "admission_final_scores" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "application_id" uuid not null, "cycle_id" uuid not null, "score" double precision not null, "criteria" jsonb not null, "evaluations" int not null, "rank" int not null, primary key ("id"));`);
    this.addSql(`alter table "admission_final_scores" add constraint "admission_final_scores_application_unique" unique ("application_id");`);
    this.addSql(`create index "admission_final_scores_cycle_rank_idx" on "admission_final_scores" ("cycle_id", "rank");`);
    this.addSql(`create table "admission_anonymized" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "application_id" uuid not null, "cycle_id" uuid not null, "number" int not null, "answers" jsonb not null, "replacements" jsonb not null, "metrics" jsonb not null, "content_hash" varchar(64) not null, "scrubber_version" varchar(40) not null, primary key ("id"));`);
    this.addSql(`alter table "admission_anonymized" add constraint "admission_anonymized_application_unique" unique ("application_id");`);
    this.addSql(`alter table "admission_anonymized" add constraint "admission_anonymized_cycle_number_unique" unique ("cycle_id", "number");`);
    this.addSql(`create table "admission_batches" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "cycle_id" uuid not null, "created_by_id" uuid null, "row_count" int not null, "file_hash" varchar(64) not null, "schema_version" int not null, primary key ("id"));`);
    this.addSql(`create index "admission_batches_cycle_id_index" on "admission_batches" ("cycle_id");`);
    this.addSql(`create table "admission_batch_items" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "batch_id" uuid not null, "application_id" uuid not null, "position" int not null, "content_hash" varchar(64) not null, primary key ("id"));`);
    this.addSql(`create index "admission_batch_items_application_id_index" on "admission_batch_items" ("application_id");`);
    this.addSql(`alter table "admission_batch_items" add constraint "admission_batch_items_batch_application_unique" unique ("batch_id", "application_id");`);
    this.addSql(`create table "admission_worker_results" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "batch_id" uuid null, "application_id" uuid not null, "evaluator_id" varchar(200) not null, "reviewer_id" uuid null, "scores" jsonb not null, "rationale" text not null default '', primary key ("id"));`);
    this.addSql(`create index "admission_worker_results_application_id_index" on "admission_worker_results" ("application_id");`);
    this.addSql(`create unique index admission_worker_results_key_unique on admission_worker_results (batch_id, application_id, evaluator_id) nulls not distinct;`);
    this.addSql(`create table "admission_judge_results" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "worker_result_id" uuid not null, "judge_id" varchar(200) not null, "verdict" "admission_judge_verdict" not null, "adjusted_scores" jsonb null, "reason" text not null default '', primary key ("id"));`);
    this.addSql(`alter table "admission_judge_results" add constraint "admission_judge_results_key_unique" unique ("worker_result_id", "judge_id");`);
    this.addSql(`alter table "admission_cycles" add constraint "admission_cycles_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "admission_cycles" add constraint "admission_cycles_capacity_check" check (capacity >= 1);`);
    this.addSql(`alter table "admission_selection_logs" add constraint "admission_selection_logs_cycle_id_foreign" foreign key ("cycle_id") references "admission_cycles" ("id") on delete cascade;`);
    this.addSql(`alter table "admission_selection_logs" add constraint "admission_selection_logs_run_by_id_foreign" foreign key ("run_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "admission_applications" add constraint "admission_applications_cycle_id_foreign" foreign key ("cycle_id") references "admission_cycles" ("id") on delete cascade;`);
    this.addSql(`alter table "admission_applications" add constraint "admission_applications_promoted_candidate_id_foreign" foreign key ("promoted_candidate_id") references "candidates" ("id") on delete set null;`);
    this.addSql(`alter table "admission_applications" add constraint "admission_applications_promoted_application_id_foreign" foreign key ("promoted_application_id") references "applications" ("id") on delete set null;`);
    this.addSql(`alter table "admission_overrides" add constraint "admission_overrides_cycle_id_foreign" foreign key ("cycle_id") references "admission_cycles" ("id") on delete cascade;`);
    this.addSql(`alter table "admission_overrides" add constraint "admission_overrides_application_id_foreign" foreign key ("application_id") references "admission_applications" ("id") on delete cascade;`);
    this.addSql(`alter table "admission_overrides" add constraint "admission_overrides_decided_by_id_foreign" foreign key ("decided_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "admission_final_scores" add constraint "admission_final_scores_application_id_foreign" foreign key ("application_id") references "admission_applications" ("id") on delete cascade;`);
    this.addSql(`alter table "admission_final_scores" add constraint "admission_final_scores_cycle_id_foreign" foreign key ("cycle_id") references "admission_cycles" ("id") on delete cascade;`);
    this.addSql(`alter table "admission_anonymized" add constraint "admission_anonymized_application_id_foreign" foreign key ("application_id") references "admission_applications" ("id") on delete cascade;`);
    this.addSql(`alter table "admission_anonymized" add constraint "admission_anonymized_cycle_id_foreign" foreign key ("cycle_id") references "admission_cycles" ("id") on delete cascade;`);
    this.addSql(`alter table "admission_batches" add constraint "admission_batches_cycle_id_foreign" foreign key ("cycle_id") references "admission_cycles" ("id") on delete cascade;`);
    this.addSql(`alter table "admission_batches" add constraint "admission_batches_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "admission_batch_items" add constraint "admission_batch_items_batch_id_foreign" foreign key ("batch_id") references "admission_batches" ("id") on delete cascade;`);
    this.addSql(`alter table "admission_batch_items" add constraint "admission_batch_items_application_id_foreign" foreign key ("application_id") references "admission_applications" ("id") on delete cascade;`);
    this.addSql(`alter table "admission_worker_results" add constraint "admission_worker_results_batch_id_foreign" foreign key ("batch_id") references "admission_batches" ("id") on delete cascade;`);
    this.addSql(`alter table "admission_worker_results" add constraint "admission_worker_results_application_id_foreign" foreign key ("application_id") references "admission_applications" ("id") on delete cascade;`);
    this.addSql(`alter table "admission_worker_results" add constraint "admission_worker_results_reviewer_id_foreign" foreign key ("reviewer_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "admission_judge_results" add constraint "admission_judge_results_worker_result_id_foreign" foreign key ("worker_result_id") references "admission_worker_results" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "admission_rate_limits" cascade;`);
    this.addSql(`drop table if exists "admission_selection_logs" cascade;`);
    this.addSql(`drop table if exists "admission_overrides" cascade;`);
    this.addSql(`drop table if exists "admission_final_scores" cascade;`);
    this.addSql(`drop table if exists "admission_judge_results" cascade;`);
    this.addSql(`drop table if exists "admission_worker_results" cascade;`);
    this.addSql(`drop table if exists "admission_batch_items" cascade;`);
    this.addSql(`drop table if exists "admission_batches" cascade;`);
    this.addSql(`drop table if exists "admission_anonymized" cascade;`);
    this.addSql(`drop table if exists "admission_applications" cascade;`);
    this.addSql(`drop table if exists "admission_cycles" cascade;`);
    this.addSql(`drop type if exists "admission_phase";`);
    this.addSql(`drop type if exists "admission_status";`);
    this.addSql(`drop type if exists "admission_judge_verdict";`);
    this.addSql(`drop type if exists "admission_override_decision";`);
  }
}
