import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../lib/generated/prisma/client';
import { hashPassword } from '../lib/auth/password';

// The demo organisation of the SPEC appendix; only ever written into an empty database.
export async function seedDemoData(db: PrismaClient): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;

  const english = await db.skill.create({ data: { name: 'English' } });
  const french = await db.skill.create({ data: { name: 'French' } });
  const billing = await db.skill.create({ data: { name: 'Billing' } });
  const main = await db.queue.create({ data: { name: 'Main', isDefault: true } });
  await db.queue.create({ data: { name: 'Billing', skillId: billing.id } });
  await db.routingPoint.create({ data: { name: 'Web chat entry', queueId: main.id } });

  const support = await db.group.create({ data: { name: 'Support', genericNickname: 'Support' } });
  const sales = await db.group.create({ data: { name: 'Sales' } });

  type Person = { email: string; name: string; password: string; role: 'ADMIN' | 'SUPERVISOR' | 'AGENT'; groupId?: string; nickname?: string; skills?: { id: string }[] };
  const people: Person[] = [
    { email: 'admin@example.com', name: 'Ada Admin', password: 'admin123!', role: 'ADMIN' },
    { email: 'supervisor@example.com', name: 'Sam Supervisor', password: 'super123!', role: 'SUPERVISOR', skills: [english, french, billing] },
    // A second supervisor, so two can monitor one chat at once (S4).
    { email: 'supervisor2@example.com', name: 'Sky Supervisor', password: 'super123!', role: 'SUPERVISOR', skills: [english] },
    { email: 'agent1@example.com', name: 'Agent One', password: 'agent123!', role: 'AGENT', groupId: support.id, nickname: 'Alex', skills: [english, billing] },
    { email: 'agent2@example.com', name: 'Agent Two', password: 'agent123!', role: 'AGENT', groupId: support.id, skills: [english, french] },
    { email: 'agent3@example.com', name: 'Agent Three', password: 'agent123!', role: 'AGENT', groupId: sales.id, skills: [english] },
    { email: 'agent4@example.com', name: 'Agent Four', password: 'agent123!', role: 'AGENT', groupId: sales.id, skills: [french] },
  ];
  for (const p of people) {
    await db.user.create({
      data: {
        email: p.email,
        name: p.name,
        role: p.role,
        nickname: p.nickname ?? null,
        groupId: p.groupId ?? null,
        passwordHash: await hashPassword(p.password),
        skills: { create: (p.skills ?? []).map((s) => ({ skillId: s.id })) },
      },
    });
  }

  await db.dispositionCode.createMany({
    data: ['Resolved', 'Follow-up needed', 'Not interested'].map((name, i) => ({ name, sortOrder: i })),
  });
  await db.caseDataField.createMany({
    data: [
      { key: 'name', label: 'Name', labelFr: 'Nom', sortOrder: 0 },
      { key: 'email', label: 'Email', labelFr: 'Courriel', sortOrder: 1, type: 'EMAIL' },
      { key: 'phone', label: 'Phone', labelFr: 'Téléphone', sortOrder: 2, type: 'PHONE' },
      { key: 'question', label: 'Question', labelFr: 'Question', sortOrder: 3 },
      { key: 'language', label: 'Language', labelFr: 'Langue', sortOrder: 4 },
      { key: 'queue', label: 'Queue', labelFr: 'File', sortOrder: 5 },
      { key: 'accountNumber', label: 'Account number', labelFr: 'Numéro de compte', sortOrder: 6, agentEditable: true, type: 'NUMBER' },
      { key: 'priority', label: 'Priority', labelFr: 'Priorité', sortOrder: 7, agentEditable: true, type: 'LIST', options: ['Low', 'Normal', 'High'] },
    ],
  });
  await db.standardResponse.createMany({
    data: [
      {
        shortcut: 'greeting',
        titleEn: 'Greeting',
        titleFr: 'Salutation',
        textEn: 'Hello {contact.firstName}, I am {agent.nickname}. How can I help you today?',
        textFr: 'Bonjour {contact.firstName}, ici {agent.nickname}. Comment puis-je vous aider aujourd’hui?',
      },
      {
        shortcut: 'hold',
        titleEn: 'One moment',
        titleFr: 'Un instant',
        textEn: 'Thank you {contact.firstName}, one moment please while I look into this.',
        textFr: 'Merci {contact.firstName}, un instant s’il vous plaît pendant que je vérifie.',
      },
      {
        shortcut: 'closing',
        titleEn: 'Closing',
        titleFr: 'Conclusion',
        textEn: 'Is there anything else I can help you with, {contact.firstName}?',
        textFr: 'Puis-je vous aider avec autre chose, {contact.firstName}?',
      },
    ],
  });
  return true;
}

async function main() {
  if (process.env.SEED_DEMO_DATA === 'false') {
    console.log('seed: SEED_DEMO_DATA=false, skipped');
    return;
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required to seed');
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    console.log((await seedDemoData(db)) ? 'seed: demo data written' : 'seed: database not empty, skipped');
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
