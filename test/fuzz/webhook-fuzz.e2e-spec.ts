import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { getExpectedTwilioSignature } from 'twilio';
import { createTestApp, TestApp } from '../utils/test-app';
import { startTestTwilio, TEST_PUBLIC_URL, TestTwilio } from '../utils/test-twilio';
import { hostileString } from './openapi-arbitraries';

/**
 * Twilio's webhooks are left out of the OpenAPI document (Twilio, not API clients, calls them), so
 * they get their own generator: form parameters Twilio sends, with real-looking and hostile values,
 * signed with the auth token (as Twilio does), unsigned, or forged. No answer may be a 5xx.
 */
const REQUESTS = Math.ceil(Number(process.env.FUZZ_REQUESTS ?? 2000) / 4);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
jest.setTimeout(Math.max(120_000, REQUESTS * 100));

const sid = (prefix: string) => fc.stringMatching(/^[0-9a-f]{32}$/).map((hex) => `${prefix}${hex}`);
const value = (real: fc.Arbitrary<string>) => fc.oneof({ weight: 4, arbitrary: real }, { weight: 1, arbitrary: hostileString });
const params = fc.record(
  {
    EventType: value(fc.constantFrom('onMessageAdded', 'onParticipantAdded', 'onConversationStateUpdated', 'onMessageUpdated')),
    ConversationSid: value(sid('CH')),
    MessageSid: value(sid('IM')),
    ChatServiceSid: value(sid('IS')),
    Source: value(fc.constantFrom('SDK', 'API', 'sdk')),
    Author: value(fc.constantFrom('alice', 'discord:311111111111111111', 'brock_40example_2Ecom')),
    Body: value(fc.string({ maxLength: 200 })),
    Identity: value(fc.constantFrom('alice', 'discord:311111111111111111')),
    Attributes: value(fc.constantFrom('{}', '{"friendly_name":"Brock"}', '{"friendly_name":', 'null')),
    StateTo: value(fc.constantFrom('closed', 'active', 'inactive')),
    Media: value(fc.constantFrom('[]', `[{"Sid":"ME${'a'.repeat(32)}","Filename":"a.png","ContentType":"image/png","Size":10}]`, '[{"Sid":1}]', '{', 'null')),
    RetryCount: value(fc.constantFrom('0', '1')),
  },
  { requiredKeys: [] },
);

describe('Twilio webhook fuzzing', () => {
  let twilio: TestTwilio;
  let app: TestApp;

  beforeAll(async () => {
    twilio = await startTestTwilio();
    app = await createTestApp({ ...twilio.env });
  });
  afterAll(async () => {
    await app?.close();
    await twilio?.stop();
  });

  it(`answers ${REQUESTS} generated webhooks with no 5xx, and every error as problem+json`, async () => {
    const statuses: Record<number, number> = {};
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/forward-to-discord', '/chatbot-to-discord'), fc.constantFrom('signed', 'unsigned', 'forged'), params, async (path, signing, form) => {
        const body = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== undefined)) as Record<string, string>;
        const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
        if (signing !== 'unsigned') headers['x-twilio-signature'] = getExpectedTwilioSignature(signing === 'signed' ? twilio.fake.authToken : 'forged', `${TEST_PUBLIC_URL}${path}`, body);
        const res = await app.request({ method: 'POST', url: path, headers, payload: new URLSearchParams(body).toString() });
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode >= 500) throw new Error(`${path} (${signing}) ${JSON.stringify(body).slice(0, 400)} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
        if (res.statusCode >= 400) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.json()).toMatchObject({ status: res.statusCode, code: expect.any(String) });
        }
      }),
      { seed: SEED, numRuns: REQUESTS, endOnFailure: true },
    );
    const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
    const figures = { requests, routes: 2, signings: 3, fiveHundreds: 0, seconds: Math.round((Date.now() - started) / 100) / 10, statuses };
    if (process.env.FUZZ_REPORT) writeFileSync(`${process.env.FUZZ_REPORT}.webhooks`, JSON.stringify(figures));
  });
});
