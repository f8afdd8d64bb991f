import { Migration } from '@mikro-orm/migrations';

export class Migration20261202071328_privacy_keyring extends Migration {

  override name = 'Migration20261202071328_privacy_keyring';

  override up(): void | Promise<void> {
    this.addSql(`create table "data_keys" ("id" uuid not null, "subject_id" uuid not null, "wrapped_key" bytea null, "master_key_id" varchar(64) not null, "version" int not null default 1, "created_at" timestamptz(3) not null default now(), "destroyed_at" timestamptz(3) null, primary key ("id"));`);
    this.addSql(`alter table "data_keys" add constraint "data_keys_subject_id_unique" unique ("subject_id");`);

    this.addSql(`create table "keyring_meta" ("id" int not null, "master_key_id" varchar(64) not null, "check" bytea not null, "updated_at" timestamptz(3) not null default now(), primary key ("id"));`);
    this.addSql(`alter table "keyring_meta" add constraint "keyring_meta_id_check" check (id = 1);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "data_keys" cascade;`);
    this.addSql(`drop table if exists "keyring_meta" cascade;`);
  }

}
