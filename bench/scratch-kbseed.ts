import { seedArticles } from '/work/main/bench/lib/kb-seed';
seedArticles(process.argv[2], 10000).then((r) => console.log(r));
