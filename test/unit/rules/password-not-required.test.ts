/**
 * password-not-required in CloudFormation YAML, JSON and Terraform: an ElastiCache user that needs no password and
 * is in a user group; not a user in no group, a user switched off, a password or IAM user, a mode that cannot be
 * known. ElastiCache's own `default` user listed in a group is a warning at that entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule } from './iac-support';
import { summarize } from '../../support/analyze';

const RULE = 'password-not-required';

/** A template with a user `App` (its lines under Properties after the ids) and, when `members` is given, a group `Users`. */
function yaml(userProps: string[], members?: string, head = ''): string {
  const user = ['UserId: app', 'UserName: app', 'Engine: redis', ...userProps].map((l) => `      ${l}`).join('\n');
  const group = members === undefined ? '' : `  Users:\n    Type: AWS::ElastiCache::UserGroup\n    Properties:\n      UserGroupId: users\n      Engine: redis\n      UserIds: ${members}\n`;
  return `AWSTemplateFormatVersion: "2010-09-09"\n${head}Resources:\n  App:\n    Type: AWS::ElastiCache::User\n    Properties:\n${user}\n${group}`;
}

function json(userProps: Record<string, unknown>, members?: unknown[]): string {
  const resources: Record<string, unknown> = { App: { Type: 'AWS::ElastiCache::User', Properties: { UserId: 'app', UserName: 'app', Engine: 'redis', ...userProps } } };
  if (members) resources.Users = { Type: 'AWS::ElastiCache::UserGroup', Properties: { UserGroupId: 'users', Engine: 'redis', UserIds: members } };
  return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 2) + '\n';
}

function tf(userLines: string[], members?: string): string {
  const user = ['user_id   = "app"', 'user_name = "app"', 'engine    = "redis"', ...userLines].map((l) => `  ${l}`).join('\n');
  const group = members === undefined ? '' : `\nresource "aws_elasticache_user_group" "users" {\n  user_group_id = "users"\n  engine        = "redis"\n  user_ids      = ${members}\n}\n`;
  return `resource "aws_elasticache_user" "app" {\n${user}\n}\n${group}`;
}

const ON = 'AccessString: on ~* +@all';
const OFF = 'AccessString: off -@all';
const NPR = 'NoPasswordRequired: true';
const MODE = ['AuthenticationMode:', '  Type: no-password-required'];
const TF_ON = 'access_string = "on ~* +@all"';
const TF_MODE = ['authentication_mode {', '  type = "no-password-required"', '}'];
const COND = 'Conditions:\n  IsDev: !Equals [!Ref AWS::StackName, dev]\n';

const c = {
  npr: yaml([ON, NPR], '[!Ref App]'),
  nprString: yaml([ON, 'NoPasswordRequired: "true"'], '[app]'),
  mode: yaml([ON, ...MODE], '[!Ref App]'),
  noAccess: yaml([NPR], '[!Ref App]'),
  defaultUser: yaml([ON, 'Passwords: [!Ref Pw]'], '[default, !Ref App]', 'Parameters:\n  Pw:\n    Type: String\n    NoEcho: true\n'),
  ifNpr: yaml([ON, 'NoPasswordRequired: !If [IsDev, true, false]', 'Passwords: [!Ref AWS::NoValue]'], '[!Ref App]', COND),
  ifType: yaml([ON, 'AuthenticationMode:', '  Type: !If [IsDev, no-password-required, iam]'], '[!Ref App]', COND),
  jsonNpr: json({ AccessString: 'on ~* +@all', NoPasswordRequired: true }, [{ Ref: 'App' }]),
  jsonMode: json({ AccessString: 'on ~* +@all', AuthenticationMode: { Type: 'no-password-required' } }, ['app']),
  jsonDefault: json({ AccessString: 'on ~* +@all', AuthenticationMode: { Type: 'iam' } }, ['default', { Ref: 'App' }]),
  tfMode: tf([TF_ON, ...TF_MODE], '[aws_elasticache_user.app.user_id]'),
  tfNpr: tf([TF_ON, 'no_password_required = true'], '["app"]'),
  tfDefault: tf([TF_ON, 'passwords = [random_password.app.result]'], '["default", aws_elasticache_user.app.user_id]'),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: a password-less user in no group cannot reach any cache', path: 't.yaml', code: yaml([ON, NPR]) },
    { name: 'yaml: a user with a password in a group', path: 't.yaml', code: yaml([ON, 'Passwords: [!Ref Pw]'], '[!Ref App]', 'Parameters:\n  Pw:\n    Type: String\n    NoEcho: true\n') },
    { name: 'yaml: an IAM user in a group', path: 't.yaml', code: yaml([ON, 'AuthenticationMode:', '  Type: iam'], '[!Ref App]') },
    { name: 'yaml: a password-less user switched off (the usual replacement of default)', path: 't.yaml', code: yaml([OFF, NPR], '[!Ref App]') },
    { name: 'yaml: "on" then "off": the last one wins', path: 't.yaml', code: yaml(['AccessString: on ~* off', NPR], '[!Ref App]') },
    { name: 'yaml: NoPasswordRequired false', path: 't.yaml', code: yaml([ON, 'NoPasswordRequired: false', 'Passwords: [x]'], '[!Ref App]') },
    { name: 'yaml: NoPasswordRequired from a parameter without default: unknown', path: 't.yaml', code: yaml([ON, 'NoPasswordRequired: !Ref Open'], '[!Ref App]', 'Parameters:\n  Open:\n    Type: String\n') },
    { name: 'yaml: a group whose members cannot be read', path: 't.yaml', code: yaml([ON, NPR], '!Ref Members', 'Parameters:\n  Members:\n    Type: CommaDelimitedList\n') },
    { name: 'yaml: another group lists someone else', path: 't.yaml', code: yaml([ON, NPR], '[other-user]') },
    { name: 'json: a password user', path: 't.json', code: json({ AccessString: 'on ~* +@all', AuthenticationMode: { Type: 'password', Passwords: ['{{resolve:secretsmanager:app}}'] } }, [{ Ref: 'App' }]) },
    { name: 'json: a password-less user in no group', path: 't.json', code: json({ AccessString: 'on ~* +@all', NoPasswordRequired: true }) },
    { name: 'json: a password-less user switched off', path: 't.json', code: json({ AccessString: 'off -@all', AuthenticationMode: { Type: 'no-password-required' } }, [{ Ref: 'App' }]) },
    { name: 'tf: an IAM user in a group', path: 'main.tf', code: tf([TF_ON, 'authentication_mode {', '  type = "iam"', '}'], '[aws_elasticache_user.app.user_id]') },
    { name: 'tf: no_password_required = false', path: 'main.tf', code: tf([TF_ON, 'no_password_required = false', 'passwords            = [random_password.app.result]'], '["app"]') },
    { name: 'tf: a group that lists another user', path: 'main.tf', code: tf([TF_ON, ...TF_MODE], '[aws_elasticache_user.other.user_id]') },
    { name: 'tf: a password-less user in no group', path: 'main.tf', code: tf([TF_ON, ...TF_MODE]) },
    { name: 'tf: a disabled user named default in a group', path: 'main.tf', code: tf(['access_string = "off ~* -@all"', ...TF_MODE], '[aws_elasticache_user.app.user_id]') },
    { name: 'tf: a password user', path: 'main.tf', code: tf([TF_ON, 'authentication_mode {', '  type      = "password"', '  passwords = [random_password.app.result]', '}'], '[aws_elasticache_user.app.user_id]') },
    { name: 'tf: a MemoryDB user (always a password or IAM)', path: 'main.tf', code: 'resource "aws_memorydb_user" "app" {\n  user_name     = "app"\n  access_string = "on ~* +@all"\n  authentication_mode {\n    type = "iam"\n  }\n}\n' },
  ],
  invalid: [
    { name: 'yaml: NoPasswordRequired true, in a group by !Ref: at the value', path: 't.yaml', code: c.npr, errors: [at(RULE, c.npr, 'true')], severities: ['error'] },
    { name: 'yaml: "true" as a string, in a group by UserId', path: 't.yaml', code: c.nprString, errors: [at(RULE, c.nprString, '"true"')] },
    { name: 'yaml: AuthenticationMode.Type no-password-required', path: 't.yaml', code: c.mode, errors: [at(RULE, c.mode, 'no-password-required')] },
    { name: 'yaml: no AccessString to say it is off: still reported', path: 't.yaml', code: c.noAccess, errors: [at(RULE, c.noAccess, 'true')] },
    { name: 'yaml: the built-in default user in UserIds: warning at the entry', path: 't.yaml', code: c.defaultUser, errors: [at(RULE, c.defaultUser, 'default,')], severities: ['warning'] },
    { name: 'yaml: NoPasswordRequired true on one branch: info', path: 't.yaml', code: c.ifNpr, errors: [at(RULE, c.ifNpr, 'true,')], severities: ['info'] },
    { name: 'yaml: AuthenticationMode.Type no-password-required on one branch: info at it', path: 't.yaml', code: c.ifType, errors: [at(RULE, c.ifType, 'no-password-required')], severities: ['info'] },
    { name: 'json: NoPasswordRequired', path: 't.json', code: c.jsonNpr, errors: [at(RULE, c.jsonNpr, 'true')] },
    { name: 'json: AuthenticationMode, member by UserId', path: 't.json', code: c.jsonMode, errors: [at(RULE, c.jsonMode, '"no-password-required"')] },
    { name: 'json: the default user', path: 't.json', code: c.jsonDefault, errors: [at(RULE, c.jsonDefault, '"default"')] },
    { name: 'tf: authentication_mode no-password-required, member by address', path: 'main.tf', code: c.tfMode, errors: [at(RULE, c.tfMode, '"no-password-required"')] },
    { name: 'tf: no_password_required = true, member by user_id', path: 'main.tf', code: c.tfNpr, errors: [at(RULE, c.tfNpr, 'true')] },
    { name: 'tf: the default user', path: 'main.tf', code: c.tfDefault, errors: [at(RULE, c.tfDefault, '"default"')], severities: ['warning'] },
  ],
});

test('messages name the user, the setting as written and the group', async () => {
  const [m] = (await findings('t.yaml', c.mode, RULE)).findings;
  assert.equal(m.message, "ElastiCache user 'App' needs no password: AuthenticationMode.Type is \"no-password-required\", and it belongs to user group 'Users', so every cache that accepts user group 'Users' lets any client in as this user with any password.");
  assert.deepEqual(m.fixes, []);
  const [n] = (await findings('t.yaml', c.noAccess, RULE)).findings;
  assert.match(n.message, /\(unless AccessString leaves it off\)\.$/);
  const [t] = (await findings('main.tf', c.tfNpr, RULE)).findings;
  assert.match(t.message, /^ElastiCache user 'app' needs no password: no_password_required is true, and it belongs to user group 'users'/);
  const [d] = (await findings('main.tf', c.tfDefault, RULE)).findings;
  assert.match(d.message, /^User group 'users' includes ElastiCache's built-in user 'default' in user_ids, which has no password/);
  const [i] = (await findings('t.yaml', c.ifNpr, RULE)).findings;
  assert.match(i.message, /may need no password: NoPasswordRequired is true when IsDev is true/);
});

test('a module spread over files: the group in main.tf, the user in users.tf', async () => {
  const files = {
    'main.tf': 'resource "aws_elasticache_user_group" "users" {\n  user_group_id = "users"\n  engine        = "redis"\n  user_ids      = [aws_elasticache_user.app.user_id]\n}\n',
    'users.tf': tf([TF_ON, ...TF_MODE]),
  };
  const r = await inModule(files, 'users.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, files['users.tf'], '"no-password-required"')]);
  assert.match(r.findings[0].message, /belongs to user group 'users'/);
  // The group's own file reports nothing about the user it lists.
  assert.deepEqual(summarize(await inModule(files, 'main.tf', RULE)), []);
});
