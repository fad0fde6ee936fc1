// Regenerates openapi-extract.json, the part of Twilio's OpenAPI definitions the fake serves: for each
// route, its host, method, path template and the exact body/query parameter names (with enums).
//   npx ts-node --transpile-only test/fakes/twilio/extract-spec.ts [../shared/specs/twilio]
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROUTES: Record<string, [string, string][]> = {
  'twilio_conversations_v1.json': [
    ['post', '/v1/Conversations'],
    ['get', '/v1/Conversations/{Sid}'],
    ['post', '/v1/Conversations/{Sid}'],
    ['post', '/v1/Conversations/{ConversationSid}/Participants'],
    ['get', '/v1/Conversations/{ConversationSid}/Participants'],
    ['post', '/v1/Conversations/{ConversationSid}/Webhooks'],
    ['get', '/v1/Conversations/{ConversationSid}/Webhooks'],
    ['post', '/v1/Conversations/{ConversationSid}/Messages'],
    ['get', '/v1/Conversations/{ConversationSid}/Messages'],
    ['post', '/v1/Services/{ChatServiceSid}/Conversations'],
    ['get', '/v1/Services/{ChatServiceSid}/Conversations/{Sid}'],
    ['post', '/v1/Services/{ChatServiceSid}/Conversations/{Sid}'],
    ['post', '/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants'],
    ['get', '/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants'],
    ['post', '/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Webhooks'],
    ['get', '/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Webhooks'],
    ['post', '/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Messages'],
    ['get', '/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Messages'],
    ['delete', '/v1/Conversations/{ConversationSid}/Webhooks/{Sid}'],
    ['delete', '/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Webhooks/{Sid}'],
    ['get', '/v1/Configuration'],
    ['get', '/v1/Configuration/Webhooks'],
  ],
  'twilio_taskrouter_v1.json': [
    ['get', '/v1/Workspaces'],
    ['get', '/v1/Workspaces/{Sid}'],
    ['post', '/v1/Workspaces/{Sid}'],
    ['get', '/v1/Workspaces/{WorkspaceSid}/Workflows'],
    ['get', '/v1/Workspaces/{WorkspaceSid}/Workflows/{Sid}'],
    ['get', '/v1/Workspaces/{WorkspaceSid}/TaskChannels'],
    ['get', '/v1/Workspaces/{WorkspaceSid}/Tasks/{Sid}'],
  ],
  'twilio_flex_v1.json': [
    ['post', '/v1/Interactions'],
    ['get', '/v1/Interactions/{Sid}'],
    ['get', '/v1/Interactions/{InteractionSid}/Channels/{Sid}'],
    ['post', '/v1/Interactions/{InteractionSid}/Channels/{Sid}'],
  ],
  'twilio_studio_v2.json': [
    ['get', '/v2/Flows'],
    ['post', '/v2/Flows'],
    ['get', '/v2/Flows/{Sid}'],
    ['post', '/v2/Flows/{Sid}'],
  ],
};

interface Schema {
  type?: string;
  enum?: string[];
  $ref?: string;
  items?: Schema;
}

const specDir = resolve(process.argv[2] ?? join(__dirname, '../../../../shared/specs/twilio'));
const routes = [];
for (const [file, wanted] of Object.entries(ROUTES)) {
  const spec = JSON.parse(readFileSync(join(specDir, file), 'utf8'));
  const host = new URL(spec.servers[0].url).host;
  const deref = (schema: Schema): Schema => (schema.$ref ? spec.components.schemas[schema.$ref.split('/').pop()!] : schema);
  for (const [method, path] of wanted) {
    const operation = spec.paths[path]?.[method];
    if (!operation) throw new Error(`${file} has no ${method.toUpperCase()} ${path}`);
    const form = operation.requestBody?.content?.['application/x-www-form-urlencoded']?.schema ?? { properties: {} };
    const params: Record<string, { type: string; enum?: string[] }> = {};
    for (const [name, raw] of Object.entries<Schema>(form.properties ?? {})) {
      const schema = deref(raw);
      params[name] = { type: schema.type ?? 'any', ...(schema.enum ? { enum: schema.enum } : {}) };
    }
    const query = (operation.parameters ?? []).filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name);
    const headers = (operation.parameters ?? []).filter((p: { in: string }) => p.in === 'header').map((p: { name: string }) => p.name);
    routes.push({ host, method: method.toUpperCase(), path, params, required: form.required ?? [], query, headers });
  }
}
const out = {
  source: "Extracted from Twilio's OpenAPI definitions (twilio-oai, MIT License, Copyright (C) 2023 Twilio, Inc.) by extract-spec.ts",
  routes,
};
writeFileSync(join(__dirname, 'openapi-extract.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`Wrote ${routes.length} routes from ${specDir}`);
