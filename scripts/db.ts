/**
 * npm run db:migrate | db:seed — against DATABASE_URL, or (unset) the embedded PostgreSQL
 * in .data/pg, which is started for the command and stopped afterwards.
 * npm run db:generate — `prisma generate`, which needs no database.
 */
import { ensureLocalDatabase, loadDotEnv, migrateDeploy, prismaGenerate, seed } from './lib/steps';

const command = process.argv[2];
if (command !== 'migrate' && command !== 'seed' && command !== 'generate') {
  process.stderr.write('usage: tsx scripts/db.ts migrate|seed|generate\n');
  process.exit(2);
}

loadDotEnv();
if (command === 'generate') {
  await prismaGenerate().then(
    () => process.exit(0),
    (err: Error) => {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    },
  );
}
let code = 0;
const local = await ensureLocalDatabase((l) => process.stdout.write(l + '\n'));
try {
  if (command === 'migrate') await migrateDeploy();
  else if (!(await seed())) process.stdout.write('Seeding skipped (SEED_DEMO_DATA=false or no prisma/seed.ts).\n');
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  code = 1;
} finally {
  if (local && !local.adopted) await local.stop();
}
process.exit(code);
