import { Migration } from '@mikro-orm/migrations';

export class Migration20261202094000_saved_views extends Migration {

  override name = 'Migration20261202094000_saved_views';

  override up(): void | Promise<void> {
    this.addSql(`create table "saved_views" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "user_id" uuid not null, "name" varchar(80) not null, "filters" jsonb not null, "sort" varchar(20) null, "order" varchar(4) not null, primary key ("id"));`);
    this.addSql(`create unique index saved_views_user_name_unique on saved_views (user_id, lower(name));`);
    this.addSql(`alter table "saved_views" add constraint "saved_views_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "saved_views" cascade;`);
  }

}
