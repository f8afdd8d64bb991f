import { Migration } from "@mikro-orm/migrations";

/**
 * Jobs and pipelines (issue #10): a candidate becomes a person, and what they applied for becomes an application to
 * a job, in one of the job's stages. Existing data: each distinct (role, company), compared case-insensitively,
 * becomes an open job with the default stages; each candidate gets one application in the stage matching their
 * status; assessments and reports are attached to it. down() puts role, company and status back from the
 * applications.
 */
export class Migration20261202091012_jobs extends Migration {
  override name = "Migration20261202091012_jobs";

  override up(): void {
    this.addSql(`create type "employment_type" as enum ('full_time', 'part_time', 'contract', 'internship', 'temporary');`);
    this.addSql(`create type "job_status" as enum ('draft', 'open', 'on_hold', 'closed');`);
    this.addSql(`create type "stage_kind" as enum ('applied', 'screening', 'assessment', 'interview', 'offer', 'hired', 'custom');`);
    this.addSql(`create type "application_outcome" as enum ('active', 'hired', 'rejected', 'withdrawn');`);

    this.addSql(`create table "jobs" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "version" int not null default 1, "title" varchar(255) not null, "company" varchar(255) not null, "department" varchar(255) null, "location" varchar(255) null, "employment_type" "employment_type" null, "status" "job_status" not null default 'open', "hiring_manager_id" uuid null, "owner_ids" uuid[] not null default '{}', "vacancy_profile" jsonb null, "active_count" int not null default 0, "hired_count" int not null default 0, "rejected_count" int not null default 0, "withdrawn_count" int not null default 0, primary key ("id"));`);
    this.addSql(`create index jobs_title_company_idx on jobs (lower(title), lower(company));`);
    this.addSql(`create index "jobs_status_created_idx" on "jobs" ("status", "created_at", "id");`);

    this.addSql(`create table "job_stages" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "job_id" uuid not null, "name" varchar(100) not null, "kind" "stage_kind" not null, "position" int not null, "app_count" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "job_stages_job_position_idx" on "job_stages" ("job_id", "position");`);
    this.addSql(`create unique index job_stages_job_name_unique on job_stages (job_id, lower(name));`);

    this.addSql(`create table "rejection_reasons" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "label" varchar(200) not null, "active" boolean not null default true, "position" int not null, primary key ("id"));`);
    this.addSql(`create unique index rejection_reasons_label_unique on rejection_reasons (lower(label));`);
    this.addSql(`insert into rejection_reasons (label, position) select label, ord from unnest(array[
      'Not enough relevant experience', 'Skills do not match the role', 'Another candidate was a better fit',
      'Position filled or closed', 'Did not respond', 'Salary expectations do not match', 'Location or work authorisation'
    ]) with ordinality as r(label, ord);`);

    this.addSql(`create table "applications" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "version" int not null default 1, "candidate_id" uuid not null, "job_id" uuid not null, "stage_id" uuid not null, "outcome" "application_outcome" not null default 'active', "rejection_reason_id" uuid null, "rejection_note" text null, "stage_entered_at" timestamptz(3) not null, "last_activity_at" timestamptz(3) not null, primary key ("id"));`);
    this.addSql(`create index "applications_job_stage_idx" on "applications" ("job_id", "stage_id", "outcome", "stage_entered_at");`);
    this.addSql(`create index "applications_stage_idx" on "applications" ("stage_id");`);
    this.addSql(`create index "applications_job_activity_idx" on "applications" ("job_id", "last_activity_at", "id");`);
    this.addSql(`alter table "applications" add constraint "applications_candidate_job_unique" unique ("candidate_id", "job_id");`);

    this.addSql(`create table "application_moves" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "application_id" uuid not null, "job_id" uuid not null, "from_stage_id" uuid null, "from_stage_name" varchar(100) null, "to_stage_id" uuid null, "to_stage_name" varchar(100) not null, "from_outcome" "application_outcome" null, "to_outcome" "application_outcome" not null, "actor_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "application_moves_job_id_index" on "application_moves" ("job_id");`);
    this.addSql(`create index "application_moves_application_created_idx" on "application_moves" ("application_id", "created_at");`);

    this.addSql(`alter table "jobs" add constraint "jobs_hiring_manager_id_foreign" foreign key ("hiring_manager_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "job_stages" add constraint "job_stages_job_id_foreign" foreign key ("job_id") references "jobs" ("id") on delete cascade;`);
    this.addSql(`alter table "applications" add constraint "applications_candidate_id_foreign" foreign key ("candidate_id") references "candidates" ("id") on delete cascade;`);
    this.addSql(`alter table "applications" add constraint "applications_job_id_foreign" foreign key ("job_id") references "jobs" ("id") on delete cascade;`);
    this.addSql(`alter table "applications" add constraint "applications_stage_id_foreign" foreign key ("stage_id") references "job_stages" ("id");`);
    this.addSql(`alter table "applications" add constraint "applications_rejection_reason_id_foreign" foreign key ("rejection_reason_id") references "rejection_reasons" ("id") on delete set null;`);
    this.addSql(`alter table "application_moves" add constraint "application_moves_application_id_foreign" foreign key ("application_id") references "applications" ("id") on delete cascade;`);
    this.addSql(`alter table "application_moves" add constraint "application_moves_job_id_foreign" foreign key ("job_id") references "jobs" ("id") on delete cascade;`);
    this.addSql(`alter table "application_moves" add constraint "application_moves_from_stage_id_foreign" foreign key ("from_stage_id") references "job_stages" ("id") on delete set null;`);
    this.addSql(`alter table "application_moves" add constraint "application_moves_to_stage_id_foreign" foreign key ("to_stage_id") references "job_stages" ("id") on delete set null;`);
    this.addSql(`alter table "application_moves" add constraint "application_moves_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on delete set null;`);

    // Existing data: one open job per (role, company) compared case-insensitively, spelled as most people had it.
    this.addSql(`insert into jobs (title, company, created_at, updated_at)
      select mode() within group (order by role), mode() within group (order by company), min(created_at), min(created_at)
      from candidates group by lower(role), lower(company);`);
    this.addSql(`insert into job_stages (job_id, name, kind, position, created_at, updated_at)
      select j.id, s.name, s.kind::stage_kind, s.ord, j.created_at, j.created_at from jobs j
      cross join unnest(array['Applied', 'Screening', 'Assessment', 'Interview', 'Offer', 'Hired'],
                        array['applied', 'screening', 'assessment', 'interview', 'offer', 'hired']) with ordinality as s(name, kind, ord);`);
    // Each candidate's application, in the stage matching their status.
    this.addSql(`insert into applications (candidate_id, job_id, stage_id, outcome, stage_entered_at, last_activity_at, created_at, updated_at)
      select c.id, j.id, s.id,
        (case c.status when 'hired' then 'hired' when 'rejected' then 'rejected' else 'active' end)::application_outcome,
        case when c.status = 'pending' then c.created_at else coalesce(c.assessment_end, c.assessment_start, c.updated_at) end,
        c.updated_at, c.created_at, c.updated_at
      from candidates c
      join jobs j on lower(j.title) = lower(c.role) and lower(j.company) = lower(c.company)
      join job_stages s on s.job_id = j.id and s.kind = case
        when c.status = 'pending' then 'applied'
        when c.status = 'hired' then 'hired'
        when c.status = 'rejected' and not exists (select 1 from assessments a where a.candidate_id = c.id) then 'applied'
        else 'assessment' end::stage_kind;`);
    // The history: created in Applied, then (when elsewhere) moved to where they are.
    this.addSql(`insert into application_moves (application_id, job_id, to_stage_id, to_stage_name, to_outcome, created_at)
      select a.id, a.job_id, s.id, s.name, 'active', a.created_at from applications a
      join job_stages s on s.job_id = a.job_id and s.kind = 'applied';`);
    this.addSql(`insert into application_moves (application_id, job_id, from_stage_id, from_stage_name, from_outcome, to_stage_id, to_stage_name, to_outcome, created_at)
      select a.id, a.job_id, f.id, f.name, 'active', s.id, s.name, a.outcome, greatest(a.stage_entered_at, a.created_at)
      from applications a join job_stages s on s.id = a.stage_id
      join job_stages f on f.job_id = a.job_id and f.kind = 'applied'
      where s.kind <> 'applied' or a.outcome <> 'active';`);
    this.addSql(`update job_stages s set app_count = n from (
      select stage_id, count(*) n from applications where outcome in ('active', 'hired') group by stage_id) c
      where c.stage_id = s.id;`);
    this.addSql(`update jobs j set active_count = c.active, hired_count = c.hired, rejected_count = c.rejected, withdrawn_count = c.withdrawn
      from (select job_id, count(*) filter (where outcome = 'active') active, count(*) filter (where outcome = 'hired') hired,
                   count(*) filter (where outcome = 'rejected') rejected, count(*) filter (where outcome = 'withdrawn') withdrawn
            from applications group by job_id) c where c.job_id = j.id;`);

    this.addSql(`alter table "assessments" add column "application_id" uuid null;`);
    this.addSql(`update assessments x set application_id = a.id from applications a where a.candidate_id = x.candidate_id;`);
    this.addSql(`alter table "assessments" alter column "application_id" set not null, add constraint "assessments_application_id_foreign" foreign key ("application_id") references "applications" ("id") on delete cascade;`);
    this.addSql(`create index "assessments_application_id_index" on "assessments" ("application_id");`);
    this.addSql(`alter table "reports" add column "application_id" uuid null;`);
    this.addSql(`update reports x set application_id = a.id from applications a where a.candidate_id = x.candidate_id;`);
    this.addSql(`alter table "reports" alter column "application_id" set not null, add constraint "reports_application_id_foreign" foreign key ("application_id") references "applications" ("id") on delete cascade;`);
    this.addSql(`create index "reports_application_id_index" on "reports" ("application_id");`);

    // A candidate is now a person, with one email: people who shared one across companies keep their records, flagged.
    this.addSql(`alter table "candidates" add column "tags" text[] not null default '{}', add column "legacy_duplicate" boolean not null default false;`);
    this.addSql(`update candidates c set legacy_duplicate = true where exists (
      select 1 from candidates o where lower(o.email) = lower(c.email) and (o.created_at, o.id) < (c.created_at, c.id));`);
    this.addSql(`drop index if exists "candidates_company_email_unique";`);
    this.addSql(`drop index if exists "candidates_status_created_idx";`);
    this.addSql(`drop index if exists "candidates_company_created_idx";`);
    this.addSql(`drop index if exists "candidates_role_created_idx";`);
    this.addSql(`alter table "candidates" drop column "role", drop column "company", drop column "status", drop column "assessment_start", drop column "assessment_end";`);
    this.addSql(`drop type "candidate_status";`);
    this.addSql(`create unique index candidates_email_unique on candidates (lower(email)) where not legacy_duplicate;`);
    this.addSql(`create index candidates_tags_gin_idx on candidates using gin (tags);`);
  }

  override down(): void {
    this.addSql(`create type "candidate_status" as enum ('pending', 'invited', 'in_progress', 'completed', 'rejected', 'hired');`);
    this.addSql(`alter table "candidates" add column "role" varchar(255) null, add column "company" varchar(255) null,
      add column "status" "candidate_status" not null default 'pending', add column "assessment_start" timestamptz null, add column "assessment_end" timestamptz null;`);
    // Each person's first application gives back their role, company and status; the latest assessment its dates.
    this.addSql(`update candidates c set role = j.title, company = j.company,
        status = (case
          when a.outcome = 'hired' then 'hired'
          when a.outcome in ('rejected', 'withdrawn') then 'rejected'
          when exists (select 1 from assessments x where x.candidate_id = c.id and x.status = 'in_progress') then 'in_progress'
          when exists (select 1 from assessments x where x.candidate_id = c.id and x.status = 'completed') then 'completed'
          when s.kind = 'assessment' then 'invited'
          else 'pending' end)::candidate_status,
        assessment_start = (select max(x.started_at) from assessments x where x.candidate_id = c.id),
        assessment_end = (select max(x.completed_at) from assessments x where x.candidate_id = c.id)
      from (select distinct on (candidate_id) * from applications order by candidate_id, created_at, id) a
      join jobs j on j.id = a.job_id join job_stages s on s.id = a.stage_id
      where a.candidate_id = c.id;`);
    this.addSql(`update candidates set role = '(none)', company = '(none)' where role is null;`);
    this.addSql(`alter table "candidates" alter column "role" set not null, alter column "company" set not null;`);
    this.addSql(`drop index if exists "candidates_email_unique";`);
    this.addSql(`drop index if exists "candidates_tags_gin_idx";`);
    this.addSql(`alter table "candidates" drop column "tags", drop column "legacy_duplicate";`);
    this.addSql(`create unique index candidates_company_email_unique on candidates (lower(company), lower(email));`);
    this.addSql(`create index "candidates_status_created_idx" on "candidates" ("status", "created_at", "id");`);
    this.addSql(`create index "candidates_company_created_idx" on "candidates" ("company", "created_at", "id");`);
    this.addSql(`create index "candidates_role_created_idx" on "candidates" ("role", "created_at", "id");`);

    this.addSql(`alter table "assessments" drop column "application_id";`);
    this.addSql(`alter table "reports" drop column "application_id";`);
    this.addSql(`drop table "application_moves";`);
    this.addSql(`drop table "applications";`);
    this.addSql(`drop table "rejection_reasons";`);
    this.addSql(`drop table "job_stages";`);
    this.addSql(`drop table "jobs";`);
    this.addSql(`drop type "application_outcome";`);
    this.addSql(`drop type "stage_kind";`);
    this.addSql(`drop type "job_status";`);
    this.addSql(`drop type "employment_type";`);
  }
}
