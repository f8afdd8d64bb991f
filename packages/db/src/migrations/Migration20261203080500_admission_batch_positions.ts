import { Migration } from '@mikro-orm/migrations';

/** Admissions: a batch's lines are read in pages by position (the file route, batchRows): one line per position. */
export class Migration20261203080500_admission_batch_positions extends Migration {
  override name = 'Migration20261203080500_admission_batch_positions';

  override up(): void | Promise<void> {
    this.addSql(`alter table "admission_batch_items" add constraint "admission_batch_items_batch_position_unique" unique ("batch_id", "position");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "admission_batch_items" drop constraint "admission_batch_items_batch_position_unique";`);
  }
}
