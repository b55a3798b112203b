// The demo service's migration: what a deploy's `migrate` command runs once, in a one-off
// container of the new image, before traffic switches. MIGRATE_FAIL=1 makes it fail.
const version = process.env.APP_VERSION ?? 'dev';
const direction = process.argv[2] === 'down' ? 'down' : 'up';
console.log(`migrating ${direction} for ${version}`);
if (process.env.MIGRATE_FAIL === '1') {
  console.error('migration failed: relation "orders" already exists (MIGRATE_FAIL=1)');
  process.exit(1);
}
console.log('migration done');
