// npm run kb:import [-- <folder>]: loads kb/<locale>/<slug>.md into the database, idempotently.
import { loadConfig } from '../src/config/app-config';
import { DatabaseConnection } from '../src/database/database-connection';
import { PrismaService } from '../src/database/prisma.service';
import { ArticlesService } from '../src/chatbot/articles.service';
import { KB_DIR } from '../src/chatbot/knowledge-base.loader';
import { readKnowledgeBase } from '../src/chatbot/kb-files';

async function main() {
  const folder = process.argv[2] ?? KB_DIR;
  const files = readKnowledgeBase(folder);
  const db = await DatabaseConnection.open(loadConfig());
  const prisma = new PrismaService(db.url, 2);
  try {
    const result = await new ArticlesService(prisma).importArticles(files);
    console.log(`Read ${files.length} articles from ${folder}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`);
  } finally {
    await prisma.$disconnect();
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
