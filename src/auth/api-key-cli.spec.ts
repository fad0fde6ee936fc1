import { parseApiKeyCommand, UsageError } from './api-key-cli';

describe('apikey command line arguments', () => {
  it('parses create, list, revoke and help', () => {
    expect(parseApiKeyCommand(['create', '--name', 'ops', '--person', 'Mia from Support', '--role', 'lead'])).toEqual({ kind: 'create', name: 'ops', role: 'LEAD', displayName: 'Mia from Support' });
    expect(parseApiKeyCommand(['create', '--role=Viewer', '--name=dash board', '--person= Ops  bot '])).toEqual({ kind: 'create', name: 'dash board', role: 'VIEWER', displayName: 'Ops bot' });
    expect(parseApiKeyCommand(['list'])).toEqual({ kind: 'list' });
    expect(parseApiKeyCommand(['revoke', 'ops'])).toEqual({ kind: 'revoke', idOrName: 'ops' });
    expect(parseApiKeyCommand(['help'])).toEqual({ kind: 'help' });
    expect(parseApiKeyCommand(['create', '--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], /Give a command/],
    [['frob'], /Unknown command "frob"/],
    [['create', '--name', 'ops', '--person', 'Mia'], /--role/],
    [['create', '--role', 'lead', '--person', 'Mia'], /--name/],
    [['create', '--name', 'ops', '--role', 'lead'], /--person/],
    [['create', '--name', 'ops', '--person', 'Mia', '--role', 'boss'], /Invalid --role "boss"/],
    [['create', '--name', 'a/b', '--person', 'Mia', '--role', 'lead'], /Invalid --name "a\/b"/],
    [['create', '--name', 'x'.repeat(101), '--person', 'Mia', '--role', 'lead'], /Invalid --name/],
    [['create', '--name', 'ops', '--person', '**@everyone**', '--role', 'lead'], /Invalid --person/],
    [['create', '--name', 'ops', '--person', 'Mia', '--role', 'lead', 'extra'], /Unexpected argument "extra"/],
    [['create', '--name'], /--name/],
    [['list', '--bogus'], /bogus/],
    [['list', '--name', 'x'], /takes no --name/],
    [['revoke'], /id or name/],
    [['revoke', 'a', 'b'], /Unexpected argument "b"/],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseApiKeyCommand(argv as string[])).toThrow(UsageError);
    expect(() => parseApiKeyCommand(argv as string[])).toThrow(message);
  });
});
