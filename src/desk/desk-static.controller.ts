import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Public } from '../auth/roles';
import { DomainError } from '../common/domain-error';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  json: 'application/json',
};
/** Only files the build writes: a flat folder of plain names, so no path can leave it. */
const FILE = /^[\w-]+\.(html|js|css|svg|json)$/;
// The app's own origin only: no CDN, no inline script; images also from blob: (attachment previews).
const CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** The built desk (desk/build.mjs writes dist/desk at npm install and npm start). */
export function deskFolder(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'desk');
}

@ApiExcludeController()
@Controller('desk')
export class DeskStaticController {
  private readonly folder = deskFolder();

  @Get()
  @Public()
  index(@Res() reply: FastifyReply): void {
    this.serve(reply, 'index.html');
  }

  @Get(':file')
  @Public()
  file(@Param('file') file: string, @Res() reply: FastifyReply): void {
    this.serve(reply, FILE.test(file) ? file : 'index.html');
  }

  private serve(reply: FastifyReply, file: string): void {
    const path = join(this.folder, file);
    if (!existsSync(path)) {
      if (file === 'index.html') throw new DomainError('desk_not_built', 503, 'The web desk is not built: run npm install (or npm run build)');
      throw DomainError.notFound(`/desk/${file}`);
    }
    void reply
      .header('content-type', TYPES[file.split('.').pop()!] ?? 'application/octet-stream')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .send(readFileSync(path));
  }
}
