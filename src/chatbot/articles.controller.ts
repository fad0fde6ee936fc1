import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MinimumRole, Public, Role } from '../auth/roles';
import { UuidPipe } from '../common/uuid';
import { CreateArticleDto, ListArticlesQuery, SearchArticlesQuery, UpdateArticleDto } from './articles.dto';
import { SuggestionStore } from './feedback/suggestion-store';
import { ArticlesService } from './articles.service';

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
  stats(@Query() query: ListArticlesQuery) {
    return this.suggestions.stats(query.locale);
  }

  @Get('articles')
  list(@Query() query: ListArticlesQuery) {
    return this.articles.list(query.locale);
  }

  @Get('articles/:id')
  get(@Param('id', UuidPipe) id: string) {
    return this.articles.get(id);
  }

  @Post('articles')
  @MinimumRole(Role.LEAD)
  create(@Body() body: CreateArticleDto) {
    return this.articles.create(body);
  }

  @Patch('articles/:id')
  @MinimumRole(Role.LEAD)
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateArticleDto) {
    return this.articles.update(id, body);
  }

  @Delete('articles/:id')
  @HttpCode(204)
  @MinimumRole(Role.LEAD)
  async remove(@Param('id', UuidPipe) id: string) {
    await this.articles.remove(id);
  }

  @Get('search')
  @ApiOperation({ summary: 'Full-text search in one language (top matches with an excerpt)' })
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
  async page(@Param('locale') locale: string, @Param('slug') slug: string) {
    const article = await this.articles.findBySlug(locale, slug);
    return `<!doctype html><html lang="${escapeHtml(article.locale)}"><head><meta charset="utf-8"><title>${escapeHtml(article.title)}</title></head>` +
      `<body><h1>${escapeHtml(article.title)}</h1><pre style="white-space:pre-wrap;font-family:inherit">${escapeHtml(article.body)}</pre></body></html>`;
  }
}
