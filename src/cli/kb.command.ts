import { ArticlesService } from '../chatbot/articles.service';
import { readKnowledgeBase } from '../chatbot/kb-files';
import { KB_DIR } from '../chatbot/knowledge-base.loader';
import { DatabaseConnection } from '../database/database-connection';
import { PrismaService } from '../database/prisma.service';
import { cliConfig, out, progress, UsageError } from './cli-runtime';

/** bridge kb import [folder]: loads <folder>/<locale>/<slug>.md (default kb/), keeping articles edited through the API. */
export async function kbCommand(argv: string[]): Promise<number> {
  const [sub, folderArg, ...rest] = argv;
  if (sub !== 'import' || rest.length > 0) throw new UsageError('Usage: bridge kb import [folder]   (default: the kb/ folder)');
  const folder = folderArg ?? KB_DIR;
  const files = readKnowledgeBase(folder);
  progress(`Read ${files.length} articles from ${folder}`);
  const db = await DatabaseConnection.attach(await cliConfig());
  const prisma = new PrismaService(db.url, 2);
  try {
    const result = await new ArticlesService(prisma).importArticles(files, (done, total) => progress(`  imported ${done}/${total}`));
    out(`${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.skipped.length} skipped.`);
    if (result.skipped.length > 0) {
      out("Skipped (edited through the API since their import; delete one through the API to take the file's version):");
      for (const article of result.skipped) out(`  ${article.locale}/${article.slug}`);
    }
    return 0;
  } finally {
    await prisma.$disconnect();
    await db.close();
  }
}
