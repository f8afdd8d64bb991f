import { Migration } from '@mikro-orm/migrations';

export class Migration20261202073133_audit_head_check_name extends Migration {

  override name = 'Migration20261202073133_audit_head_check_name';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audit_head" drop constraint "audit_head_one_row";`);
    this.addSql(`alter table "audit_head" add constraint "audit_head_id_check" check (id = 1);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "audit_head" drop constraint "audit_head_id_check";`);
    this.addSql(`alter table "audit_head" add constraint "audit_head_one_row" check (id = 1);`);
  }

}
