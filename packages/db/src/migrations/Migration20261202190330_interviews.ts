import { Migration } from '@mikro-orm/migrations';

/** Interviews (seed 001): question bank, CV documents and analyses, candidate skills, interviews with their plan,
    links, answers, evaluations and scorecards; applications.interview_score for the board. */
export class Migration20261202190330_interviews extends Migration {

  override name = 'Migration20261202190330_interviews';

  override up(): void | Promise<void> {
    this.addSql(`create type "question_type" as enum ('technical', 'behavioural', 'situational', 'system_design', 'coding', 'role_specific');`);
    this.addSql(`create type "interview_status" as enum ('PREPARING', 'READY', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'EXPIRED');`);
    this.addSql(`create type "evaluator_kind" as enum ('builtin', 'model');`);
    this.addSql(`create table "questions" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "version" int not null default 1, "text" text not null, "type" "question_type" not null, "difficulty" int not null, "skills" text[] not null default '{}', "tags" text[] not null default '{}', "rubric" jsonb not null, "ideal_answer" text not null default '', "follow_ups" text[] not null default '{}', "time_limit_seconds" int not null default 300, "author_id" uuid null, "active" boolean not null default true, "starter_key" varchar(100) null, "times_asked" int not null default 0, "scored_count" int not null default 0, "score_total" double precision not null default 0, "search_text" text not null default '', primary key ("id"));`);
    this.addSql(`alter table "questions" add constraint "questions_starter_key_unique" unique ("starter_key");`);
    this.addSql(`create index "questions_type_difficulty_idx" on "questions" ("type", "difficulty");`);
    this.addSql(`create index "questions_created_idx" on "questions" ("created_at", "id");`);
    this.addSql(`create index questions_skills_gin_idx on questions using gin (skills);`);
    this.addSql(`create index questions_tags_gin_idx on questions using gin (tags);`);
    this.addSql(`create index questions_search_idx on questions using gin (to_tsvector('english', search_text));`);
    this.addSql(`create table "cv_documents" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "candidate_id" uuid not null, "file_sealed" jsonb not null, "media_type" varchar(100) not null, "size_bytes" int not null, "sha256" varchar(64) not null, "text_sealed" jsonb not null, "uploaded_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "cv_documents_candidate_id_index" on "cv_documents" ("candidate_id");`);
    this.addSql(`create table "cv_analyses" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "document_id" uuid not null, "candidate_id" uuid not null, "analyser" varchar(200) not null, "skills" jsonb not null, "total_years" double precision null, "seniority" varchar(20) null, "languages" text[] not null default '{}', "details_sealed" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "cv_analyses_document_id_index" on "cv_analyses" ("document_id");`);
    this.addSql(`create index "cv_analyses_candidate_created_idx" on "cv_analyses" ("candidate_id", "created_at");`);
    this.addSql(`create table "candidate_skills" ("candidate_id" uuid not null, "skill" varchar(100) not null, "years" double precision null, "evidence_count" int not null default 1, "analysis_id" uuid not null, primary key ("candidate_id", "skill"));`);
    this.addSql(`create index "candidate_skills_analysis_id_index" on "candidate_skills" ("analysis_id");`);
    this.addSql(`create index "candidate_skills_skill_idx" on "candidate_skills" ("skill", "candidate_id");`);
    this.addSql(`create table "interviews" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "version" int not null default 1, "application_id" uuid not null, "candidate_id" uuid not null, "job_id" uuid not null, "status" "interview_status" not null default 'PREPARING', "persona_id" uuid null, "conversation_id" uuid null, "cv_analysis_id" uuid null, "target_seniority" varchar(20) null, "current_index" int not null default 0, "started_at" timestamptz(3) null, "completed_at" timestamptz(3) null, "end_reason" varchar(200) null, "created_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "interviews_application_id_index" on "interviews" ("application_id");`);
    this.addSql(`create index "interviews_candidate_id_index" on "interviews" ("candidate_id");`);
    this.addSql(`create index "interviews_job_id_index" on "interviews" ("job_id");`);
    this.addSql(`create index "interviews_status_idx" on "interviews" ("status", "updated_at");`);
    this.addSql(`create table "interview_scorecards" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "version" int not null default 1, "interview_id" uuid not null, "application_id" uuid not null, "skills" jsonb not null, "overall" double precision not null, "recommendation" text not null, "summary" text not null default '', "answered" int not null, "planned" int not null, primary key ("id"));`);
    this.addSql(`alter table "interview_scorecards" add constraint "interview_scorecards_interview_unique" unique ("interview_id");`);
    this.addSql(`create index "interview_scorecards_application_id_index" on "interview_scorecards" ("application_id");`);
    this.addSql(`create table "interview_questions" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "interview_id" uuid not null, "question_id" uuid null, "position" int not null, "text" text not null, "type" "question_type" not null, "difficulty" int not null, "skills" text[] not null default '{}', "rubric" jsonb not null, "ideal_answer" text not null default '', "follow_ups" text[] not null default '{}', "time_limit_seconds" int not null, "reason" varchar(300) not null default '', "asked_at" timestamptz(3) null, primary key ("id"));`);
    this.addSql(`create index "interview_questions_question_id_index" on "interview_questions" ("question_id");`);
    this.addSql(`create index "interview_questions_interview_position_idx" on "interview_questions" ("interview_id", "position");`);
    this.addSql(`create table "interview_links" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "interview_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz(3) not null, "revoked_at" timestamptz(3) null, "last_opened_at" timestamptz(3) null, "created_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "interview_links_interview_id_index" on "interview_links" ("interview_id");`);
    this.addSql(`alter table "interview_links" add constraint "interview_links_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create table "interview_answers" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "version" int not null default 1, "interview_id" uuid not null, "interview_question_id" uuid not null, "text_sealed" jsonb not null, "audio_sealed" jsonb null, "audio_bytes" int null, "message_id" uuid null, "submitted_at" timestamptz(3) not null, "seconds_taken" int null, "over_time" boolean not null default false, "override_score" double precision null, "override_reason" text null, "overridden_by_id" uuid null, "overridden_at" timestamptz(3) null, primary key ("id"));`);
    this.addSql(`create index "interview_answers_interview_id_index" on "interview_answers" ("interview_id");`);
    this.addSql(`alter table "interview_answers" add constraint "interview_answers_question_unique" unique ("interview_question_id");`);
    this.addSql(`create table "answer_evaluations" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "answer_id" uuid not null, "evaluator" "evaluator_kind" not null, "evaluator_version" varchar(200) not null, "criteria" jsonb not null, "score" double precision not null, "feedback" text not null default '', primary key ("id"));`);
    this.addSql(`alter table "answer_evaluations" add constraint "answer_evaluations_answer_evaluator_unique" unique ("answer_id", "evaluator");`);
    this.addSql(`alter table "questions" add constraint "questions_author_id_foreign" foreign key ("author_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "questions" add constraint "questions_difficulty_check" check (difficulty >= 1 and difficulty <= 5);`);
    this.addSql(`alter table "cv_documents" add constraint "cv_documents_candidate_id_foreign" foreign key ("candidate_id") references "candidates" ("id") on delete cascade;`);
    this.addSql(`alter table "cv_documents" add constraint "cv_documents_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "cv_analyses" add constraint "cv_analyses_document_id_foreign" foreign key ("document_id") references "cv_documents" ("id") on delete cascade;`);
    this.addSql(`alter table "cv_analyses" add constraint "cv_analyses_candidate_id_foreign" foreign key ("candidate_id") references "candidates" ("id") on delete cascade;`);
    this.addSql(`alter table "candidate_skills" add constraint "candidate_skills_candidate_id_foreign" foreign key ("candidate_id") references "candidates" ("id") on delete cascade;`);
    this.addSql(`alter table "candidate_skills" add constraint "candidate_skills_analysis_id_foreign" foreign key ("analysis_id") references "cv_analyses" ("id") on delete cascade;`);
    this.addSql(`alter table "interviews" add constraint "interviews_application_id_foreign" foreign key ("application_id") references "applications" ("id") on delete cascade;`);
    this.addSql(`alter table "interviews" add constraint "interviews_candidate_id_foreign" foreign key ("candidate_id") references "candidates" ("id") on delete cascade;`);
    this.addSql(`alter table "interviews" add constraint "interviews_job_id_foreign" foreign key ("job_id") references "jobs" ("id") on delete cascade;`);
    this.addSql(`alter table "interviews" add constraint "interviews_persona_id_foreign" foreign key ("persona_id") references "personas" ("id") on delete set null;`);
    this.addSql(`alter table "interviews" add constraint "interviews_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on delete set null;`);
    this.addSql(`alter table "interviews" add constraint "interviews_cv_analysis_id_foreign" foreign key ("cv_analysis_id") references "cv_analyses" ("id") on delete set null;`);
    this.addSql(`alter table "interviews" add constraint "interviews_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "interview_scorecards" add constraint "interview_scorecards_interview_id_foreign" foreign key ("interview_id") references "interviews" ("id") on delete cascade;`);
    this.addSql(`alter table "interview_scorecards" add constraint "interview_scorecards_application_id_foreign" foreign key ("application_id") references "applications" ("id") on delete cascade;`);
    this.addSql(`alter table "interview_scorecards" add constraint "interview_scorecards_recommendation_check" check ("recommendation" in ('strong_hire', 'hire', 'lean_no_hire', 'no_hire'));`);
    this.addSql(`alter table "interview_questions" add constraint "interview_questions_interview_id_foreign" foreign key ("interview_id") references "interviews" ("id") on delete cascade;`);
    this.addSql(`alter table "interview_questions" add constraint "interview_questions_question_id_foreign" foreign key ("question_id") references "questions" ("id") on delete set null;`);
    this.addSql(`alter table "interview_links" add constraint "interview_links_interview_id_foreign" foreign key ("interview_id") references "interviews" ("id") on delete cascade;`);
    this.addSql(`alter table "interview_links" add constraint "interview_links_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "interview_answers" add constraint "interview_answers_interview_id_foreign" foreign key ("interview_id") references "interviews" ("id") on delete cascade;`);
    this.addSql(`alter table "interview_answers" add constraint "interview_answers_interview_question_id_foreign" foreign key ("interview_question_id") references "interview_questions" ("id") on delete cascade;`);
    this.addSql(`alter table "interview_answers" add constraint "interview_answers_message_id_foreign" foreign key ("message_id") references "chat_messages" ("id") on delete set null;`);
    this.addSql(`alter table "interview_answers" add constraint "interview_answers_overridden_by_id_foreign" foreign key ("overridden_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "answer_evaluations" add constraint "answer_evaluations_answer_id_foreign" foreign key ("answer_id") references "interview_answers" ("id") on delete cascade;`);
    this.addSql(`alter table "applications" add column "interview_score" double precision null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "applications" drop column "interview_score";`);
    this.addSql(`drop table if exists "interview_scorecards" cascade;`);
    this.addSql(`drop table if exists "answer_evaluations" cascade;`);
    this.addSql(`drop table if exists "interview_answers" cascade;`);
    this.addSql(`drop table if exists "interview_links" cascade;`);
    this.addSql(`drop table if exists "interview_questions" cascade;`);
    this.addSql(`drop table if exists "interviews" cascade;`);
    this.addSql(`drop table if exists "candidate_skills" cascade;`);
    this.addSql(`drop table if exists "cv_analyses" cascade;`);
    this.addSql(`drop table if exists "cv_documents" cascade;`);
    this.addSql(`drop table if exists "questions" cascade;`);
    this.addSql(`drop type "question_type";`);
    this.addSql(`drop type "interview_status";`);
    this.addSql(`drop type "evaluator_kind";`);
  }
}
