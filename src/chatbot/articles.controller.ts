import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ArticleHitResponse, ArticleResponse, ArticleStatsResponse } from './articles.response';
import { MinimumRole, Public, Role } from '../auth/roles';
import { UuidPipe } from '../common/uuid';
import { CreateArticleDto, ListArticlesQuery, SearchArticlesQuery, UpdateArticleDto } from './articles.dto';
import { SuggestionStore } from './feedback/suggestion-store';
import { ArticlesService } from './articles.service';
import { ApiProblem } from '../operations/api-problem';

@ApiTags('knowledge base')
@ApiBearerAuth()
@Controller('api/kb')
export class ArticlesController {
  constructor(
    private readonly articles: ArticlesService,
    private readonly suggestions: SuggestionStore,
  ) {}

  @Get('stats')
  @MinimumRole(Role.LEAD)
  @ApiOperation({ summary: "Per article: how often the bot suggested it and the players' helpful / not helpful votes" })
  @ApiOkResponse({ type: [ArticleStatsResponse], description: 'Most "not helpful" first' })
  stats(@Query() query: ListArticlesQuery) {
    return this.suggestions.stats(query.locale);
  }

  @Get('articles')
  @ApiOperation({ summary: 'Every knowledge-base article, or those of one locale' })
  @ApiOkResponse({ type: [ArticleResponse] })
  list(@Query() query: ListArticlesQuery) {
    return this.articles.list(query.locale);
  }

  @Get('articles/:id')
  @ApiOperation({ summary: 'One article' })
  @ApiOkResponse({ type: ArticleResponse })
  get(@Param('id', UuidPipe) id: string) {
    return this.articles.get(id);
  }

  @Post('articles')
  @MinimumRole(Role.LEAD)
  @ApiOperation({ summary: 'Add an article (slug unique per locale); the bot uses it at once' })
  @ApiCreatedResponse({ type: ArticleResponse })
  @ApiProblem(409, 'An article with that slug exists in that locale')
  create(@Body() body: CreateArticleDto) {
    return this.articles.create(body);
  }

  @Patch('articles/:id')
  @MinimumRole(Role.LEAD)
  @ApiOperation({ summary: 'Change some fields of an article' })
  @ApiOkResponse({ type: ArticleResponse })
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateArticleDto) {
    return this.articles.update(id, body);
  }

  @Delete('articles/:id')
  @HttpCode(204)
  @MinimumRole(Role.LEAD)
  @ApiOperation({ summary: 'Delete an article' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@Param('id', UuidPipe) id: string) {
    await this.articles.remove(id);
  }

  @Get('search')
  @ApiOperation({ summary: 'Full-text search in one language (top matches with an excerpt)' })
  @ApiOkResponse({ type: [ArticleHitResponse], description: 'Best first' })
  search(@Query() query: SearchArticlesQuery) {
    return this.articles.search(query.q, query.locale ?? 'en', query.limit ?? 3);
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page a bot suggestion links to: players open it from Discord without an API key. */
@ApiTags('knowledge base')
@Public()
@Controller('kb')
export class ArticlePageController {
  constructor(private readonly articles: ArticlesService) {}

  @Get(':locale/:slug')
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiOperation({ summary: 'The article as a web page, for the links in bot answers' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'An HTML page', content: { 'text/html': { schema: { type: 'string', example: '<!doctype html><html lang="en">…</html>' } } } })
  async page(@Param('locale') locale: string, @Param('slug') slug: string) {
    const article = await this.articles.findBySlug(locale, slug);
    return `<!doctype html><html lang="${escapeHtml(article.locale)}"><head><meta charset="utf-8"><title>${escapeHtml(article.title)}</title></head>` +
      `<body><h1>${escapeHtml(article.title)}</h1><pre style="white-space:pre-wrap;font-family:inherit">${escapeHtml(article.body)}</pre></body></html>`;
  }
}
