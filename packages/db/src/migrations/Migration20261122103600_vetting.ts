import { Migration } from '@mikro-orm/migrations';

export class Migration20261122103600_vetting extends Migration {

  override name = 'Migration20261122103600_vetting';

  override up(): void | Promise<void> {
    this.addSql(`create type "benchmark_source" as enum ('computed', 'entered');`);
    this.addSql(`create type "assessment_status" as enum ('in_progress', 'completed');`);
    this.addSql(`create type "report_recommendation" as enum ('strong_hire', 'hire', 'lean_no_hire', 'no_hire');`);
    this.addSql(`create table "benchmarks" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "role" varchar(255) not null, "company" varchar(255) null, "source" "benchmark_source" not null, "sample_size" int not null, "learning_velocity_p50" double precision not null, "learning_velocity_p75" double precision not null, "learning_velocity_p90" double precision not null, "sophistication_p50" double precision not null, "sophistication_p75" double precision not null, "sophistication_p90" double precision not null, "chain_depth_p50" double precision not null, "chain_depth_p75" double precision not null, "chain_depth_p90" double precision not null, "tao_index_p50" double precision not null, "tao_index_p75" double precision not null, "tao_index_p90" double precision not null, primary key ("id"));`);
    this.addSql(`create unique index benchmarks_role_company_source_unique on benchmarks (lower(role), lower(coalesce(company, '')), source);`);

    this.addSql(`create table "assessments" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "version" int not null default 1, "candidate_id" uuid not null, "status" "assessment_status" not null default 'in_progress', "role" varchar(255) not null, "company" varchar(255) not null, "domains" text[] not null default '{}', "started_at" timestamptz(3) not null, "completed_at" timestamptz(3) null, "learning_velocity" double precision null, "avg_sophistication" double precision null, "chain_depth" double precision null, "longest_chain" int null, "concept_retention" double precision null, "interest_ratio" double precision null, "tao_index" double precision null, "percentile" double precision null, "percentile_sample_size" int null, "domain_scores" jsonb null, "session_trend" jsonb null, "total_queries" int null, "total_sessions" int null, "total_time_minutes" double precision null, primary key ("id"));`);
    this.addSql(`create index "assessments_candidate_started_idx" on "assessments" ("candidate_id", "started_at", "id");`);
    this.addSql(`create index assessments_completed_role_tao_idx on assessments (lower(role), tao_index) where status = 'completed';`);
    this.addSql(`create index assessments_completed_role_company_idx on assessments (lower(role), lower(company)) where status = 'completed';`);
    this.addSql(`create unique index assessments_one_open_per_candidate on assessments (candidate_id) where status = 'in_progress';`);

    this.addSql(`create table "assessment_sessions" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "assessment_id" uuid not null, "ref" varchar(100) not null, "seq" int not null, "started_at" timestamptz(3) not null, "ended_at" timestamptz(3) not null, primary key ("id"));`);
    this.addSql(`alter table "assessment_sessions" add constraint "assessment_sessions_assessment_ref_unique" unique ("assessment_id", "ref");`);

    this.addSql(`create table "assessment_questions" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "assessment_id" uuid not null, "session_id" uuid not null, "ref" varchar(100) not null, "seq" int not null, "domain" varchar(100) not null, "text" text not null, "asked_at" timestamptz(3) not null, "follow_up_of_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "assessment_questions_session_id_index" on "assessment_questions" ("session_id");`);
    this.addSql(`create index "assessment_questions_follow_up_of_id_index" on "assessment_questions" ("follow_up_of_id");`);
    this.addSql(`alter table "assessment_questions" add constraint "assessment_questions_assessment_ref_unique" unique ("assessment_id", "ref");`);

    this.addSql(`create table "reports" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "candidate_id" uuid not null, "assessment_id" uuid not null, "recommendation" "report_recommendation" not null, "confidence" double precision not null, "summary" text not null, "strengths" jsonb not null, "concerns" jsonb not null, "follow_up_questions" jsonb not null, "standout_metrics" jsonb not null, "learning_trajectory" text not null, "vs_benchmark" text not null, "percentile" double precision null, "percentile_sample_size" int null, "benchmark" jsonb null, "generated_at" timestamptz(3) not null, "pdf_path" varchar(500) null, primary key ("id"));`);
    this.addSql(`create index "reports_candidate_generated_idx" on "reports" ("candidate_id", "generated_at", "id");`);
    this.addSql(`create index "reports_assessment_generated_idx" on "reports" ("assessment_id", "generated_at", "id");`);

    this.addSql(`alter table "assessments" add constraint "assessments_candidate_id_foreign" foreign key ("candidate_id") references "candidates" ("id") on delete cascade;`);

    this.addSql(`alter table "assessment_sessions" add constraint "assessment_sessions_assessment_id_foreign" foreign key ("assessment_id") references "assessments" ("id") on delete cascade;`);

    this.addSql(`alter table "assessment_questions" add constraint "assessment_questions_assessment_id_foreign" foreign key ("assessment_id") references "assessments" ("id") on delete cascade;`);
    this.addSql(`alter table "assessment_questions" add constraint "assessment_questions_session_id_foreign" foreign key ("session_id") references "assessment_sessions" ("id") on delete cascade;`);
    this.addSql(`alter table "assessment_questions" add constraint "assessment_questions_follow_up_of_id_foreign" foreign key ("follow_up_of_id") references "assessment_questions" ("id") on delete set null;`);

    this.addSql(`alter table "reports" add constraint "reports_candidate_id_foreign" foreign key ("candidate_id") references "candidates" ("id") on delete cascade;`);
    this.addSql(`alter table "reports" add constraint "reports_assessment_id_foreign" foreign key ("assessment_id") references "assessments" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "assessment_sessions" drop constraint "assessment_sessions_assessment_id_foreign";`);
    this.addSql(`alter table "assessment_questions" drop constraint "assessment_questions_assessment_id_foreign";`);
    this.addSql(`alter table "reports" drop constraint "reports_assessment_id_foreign";`);
    this.addSql(`alter table "assessment_questions" drop constraint "assessment_questions_session_id_foreign";`);
    this.addSql(`alter table "assessment_questions" drop constraint "assessment_questions_follow_up_of_id_foreign";`);

    this.addSql(`drop table if exists "benchmarks" cascade;`);
    this.addSql(`drop table if exists "assessments" cascade;`);
    this.addSql(`drop table if exists "assessment_sessions" cascade;`);
    this.addSql(`drop table if exists "assessment_questions" cascade;`);
    this.addSql(`drop table if exists "reports" cascade;`);

    this.addSql(`drop type "benchmark_source";`);
    this.addSql(`drop type "assessment_status";`);
    this.addSql(`drop type "report_recommendation";`);
  }

}
