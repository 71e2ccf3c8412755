/**
 * auth-token-exposed in CloudFormation YAML, JSON and Terraform: AUTH tokens and user passwords written as
 * literals, from inputs with defaults, from non-secret inputs, from a variable file; dynamic references, secret
 * inputs, references to resources and undeclared inputs are not reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule, json, roundTrip, tf, yaml } from './iac-support';
import { summarize } from '../../support/analyze';
import { assertFmtClean } from '../../support/terraformFmt';

const RULE = 'auth-token-exposed';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const USER = 'AWS::ElastiCache::User';
const MUSER = 'AWS::MemoryDB::User';
const TF_RG = 'aws_elasticache_replication_group';
const D = 'ReplicationGroupDescription: x';
const TLS = 'TransitEncryptionEnabled: true';
const U = ['UserId: app', 'UserName: app', 'Engine: redis', 'AccessString: on ~* +@all'];
const param = (lines: string[]) => `Parameters:\n  Tok:\n${lines.map((l) => `    ${l}\n`).join('')}`;
const COND = 'Conditions:\n  IsProd: !Equals [!Ref AWS::StackName, prod]\n';
const TOKEN = 'aaaaaaaaaaaaaaaaaaaa';

const c = {
  literal: yaml(RG, [D, TLS, `AuthToken: ${TOKEN}`]),
  quoted: yaml(RG, [D, TLS, `AuthToken: "${TOKEN}"`]),
  paramDefault: yaml(RG, [D, TLS, 'AuthToken: !Ref Tok'], param(['Type: String', 'NoEcho: true', `Default: ${TOKEN}`])),
  paramPlain: yaml(RG, [D, TLS, 'AuthToken: !Ref Tok'], param(['Type: String'])),
  paramEchoString: yaml(RG, [D, TLS, 'AuthToken: !Ref Tok'], param(['Type: String', 'NoEcho: "false"'])),
  ssmType: yaml(RG, [D, TLS, 'AuthToken: !Ref Tok'], param(['Type: AWS::SSM::Parameter::Value<String>', 'Default: /cache/token'])),
  ssmRef: yaml(RG, [D, TLS, "AuthToken: '{{resolve:ssm:/cache/token}}'"]),
  ifLiteral: yaml(RG, [D, TLS, `AuthToken: !If [IsProd, !Ref Tok, ${TOKEN}]`], param(['Type: String', 'NoEcho: true']) + COND),
  userPasswords: yaml(USER, [...U, `Passwords: [${TOKEN}, !Ref Tok]`], param(['Type: String', 'NoEcho: true'])),
  userMode: yaml(USER, [...U, 'AuthenticationMode:', '  Type: password', '  Passwords:', `    - ${TOKEN}`]),
  mdbUser: yaml(MUSER, ['UserName: app', 'AccessString: on ~* +@all', 'AuthenticationMode:', '  Type: password', '  Passwords: [!Ref Tok]'], param(['Type: String', `Default: ${TOKEN}`])),
  jsonLiteral: json(RG, { ReplicationGroupDescription: 'x', TransitEncryptionEnabled: true, AuthToken: TOKEN }),
  jsonParam: json(RG, { ReplicationGroupDescription: 'x', TransitEncryptionEnabled: true, AuthToken: { Ref: 'Tok' } }, { Parameters: { Tok: { Type: 'String' } } }),
  jsonMdb: json(MUSER, { UserName: 'app', AccessString: 'on ~* +@all', AuthenticationMode: { Type: 'password', Passwords: [TOKEN] } }),
  tfLiteral: tf(TF_RG, ['description                = "x"', 'transit_encryption_enabled = true', `auth_token                 = "${TOKEN}"`]),
  tfPlainVar: tf(TF_RG, ['description = "x"', 'auth_token  = var.token'], 'variable "token" {\n  type = string\n}\n'),
  tfSensitiveDefault: tf(TF_RG, ['description = "x"', 'auth_token  = var.token'], `variable "token" {\n  type      = string\n  sensitive = true\n  default   = "${TOKEN}"\n}\n`),
  tfLocal: tf(TF_RG, ['description = "x"', 'auth_token  = local.token'], `locals {\n  token = "${TOKEN}"\n}\n`),
  tfUser: tf('aws_elasticache_user', ['user_id       = "app"', 'user_name     = "app"', 'engine        = "redis"', 'access_string = "on ~* +@all"', `passwords     = ["${TOKEN}"]`]),
  tfUserMode: tf('aws_elasticache_user', ['user_id       = "app"', 'user_name     = "app"', 'engine        = "redis"', 'access_string = "on ~* +@all"', 'authentication_mode {', '  type      = "password"', `  passwords = ["${TOKEN}"]`, '}']),
  tfMdbUser: tf('aws_memorydb_user', ['user_name     = "app"', 'access_string = "on ~* +@all"', 'authentication_mode {', '  type      = "password"', '  passwords = [var.pw]', '}'], 'variable "pw" {\n  type = string\n}\n'),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: a NoEcho parameter without default', path: 't.yaml', code: yaml(RG, [D, TLS, 'AuthToken: !Ref Tok'], param(['Type: String', 'NoEcho: true'])) },
    { name: 'yaml: NoEcho written as a string "true"', path: 't.yaml', code: yaml(RG, [D, TLS, 'AuthToken: !Ref Tok'], param(['Type: String', 'NoEcho: "true"'])) },
    { name: 'yaml: a Secrets Manager dynamic reference', path: 't.yaml', code: yaml(RG, [D, TLS, "AuthToken: '{{resolve:secretsmanager:cache:SecretString:token}}'"]) },
    { name: 'yaml: a dynamic reference built with !Sub', path: 't.yaml', code: yaml(RG, [D, TLS, 'AuthToken: !Sub "{{resolve:secretsmanager:${Secret}:SecretString:token}}"']) },
    { name: 'yaml: an SSM SecureString dynamic reference', path: 't.yaml', code: yaml(RG, [D, TLS, "AuthToken: '{{resolve:ssm-secure:/cache/token:1}}'"]) },
    { name: 'yaml: an SSM parameter type that is NoEcho (its default is a name)', path: 't.yaml', code: yaml(RG, [D, TLS, 'AuthToken: !Ref Tok'], param(['Type: AWS::SSM::Parameter::Value<String>', 'NoEcho: true', 'Default: /cache/token'])) },
    { name: 'yaml: no token at all (auth-disabled, not this rule)', path: 't.yaml', code: yaml(RG, [D, TLS]) },
    { name: 'yaml: a user with a Secrets Manager password', path: 't.yaml', code: yaml(USER, [...U, "Passwords: ['{{resolve:secretsmanager:app:SecretString:password}}']"]) },
    { name: 'yaml: a user that needs no password', path: 't.yaml', code: yaml(USER, [...U, 'AuthenticationMode:', '  Type: no-password-required']) },
    { name: 'yaml: an AuthToken on a type cachelint does not model', path: 't.yaml', code: yaml('AWS::Custom::Thing', [`AuthToken: ${TOKEN}`]) },
    { name: 'json: a NoEcho parameter', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', AuthToken: { Ref: 'Tok' } }, { Parameters: { Tok: { Type: 'String', NoEcho: true } } }) },
    { name: 'json: a dynamic reference', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', AuthToken: '{{resolve:secretsmanager:cache}}' }) },
    { name: 'tf: a sensitive variable without default', path: 'main.tf', code: tf(TF_RG, ['description = "x"', 'auth_token  = var.token'], 'variable "token" {\n  type      = string\n  sensitive = true\n}\n') },
    { name: 'tf: random_password', path: 'main.tf', code: tf(TF_RG, ['description = "x"', 'auth_token  = random_password.auth.result']) },
    { name: 'tf: a Secrets Manager secret version', path: 'main.tf', code: tf(TF_RG, ['description = "x"', 'auth_token  = data.aws_secretsmanager_secret_version.auth.secret_string']) },
    { name: 'tf: jsondecode of a secret', path: 'main.tf', code: tf(TF_RG, ['description = "x"', 'auth_token  = jsondecode(data.aws_secretsmanager_secret_version.auth.secret_string)["token"]']) },
    { name: 'tf: a variable declared in no file shown: unknown', path: 'main.tf', code: tf(TF_RG, ['description = "x"', 'auth_token  = var.token']) },
    { name: 'tf: auth_token = null', path: 'main.tf', code: tf(TF_RG, ['description = "x"', 'auth_token  = null']) },
    { name: 'tf: user passwords from random_password', path: 'main.tf', code: tf('aws_elasticache_user', ['user_id   = "app"', 'user_name = "app"', 'passwords = [random_password.app.result]']) },
  ],
  invalid: [
    { name: 'yaml: a literal token: at the value', path: 't.yaml', code: c.literal, errors: [at(RULE, c.literal, TOKEN)], severities: ['error'] },
    { name: 'yaml: a quoted literal', path: 't.yaml', code: c.quoted, errors: [at(RULE, c.quoted, `"${TOKEN}`)] },
    { name: 'yaml: a NoEcho parameter with a default', path: 't.yaml', code: c.paramDefault, errors: [at(RULE, c.paramDefault, '!Ref Tok')] },
    { name: 'yaml: a parameter that is not NoEcho', path: 't.yaml', code: c.paramPlain, errors: [at(RULE, c.paramPlain, '!Ref Tok')] },
    { name: 'yaml: NoEcho "false"', path: 't.yaml', code: c.paramEchoString, errors: [at(RULE, c.paramEchoString, '!Ref Tok')] },
    { name: 'yaml: an SSM parameter type without NoEcho', path: 't.yaml', code: c.ssmType, errors: [at(RULE, c.ssmType, '!Ref Tok')] },
    { name: 'yaml: a plain SSM dynamic reference: warning', path: 't.yaml', code: c.ssmRef, errors: [at(RULE, c.ssmRef, "'{{")], severities: ['warning'] },
    { name: 'yaml: a literal on one branch of !If is in the file whatever the condition', path: 't.yaml', code: c.ifLiteral, errors: [at(RULE, c.ifLiteral, TOKEN)], severities: ['error'] },
    { name: 'yaml: a user\'s Passwords: the literal, not the NoEcho parameter', path: 't.yaml', code: c.userPasswords, errors: [at(RULE, c.userPasswords, TOKEN)] },
    { name: 'yaml: AuthenticationMode.Passwords literal', path: 't.yaml', code: c.userMode, errors: [at(RULE, c.userMode, TOKEN)] },
    { name: 'yaml: a MemoryDB user password from a parameter with a default', path: 't.yaml', code: c.mdbUser, errors: [at(RULE, c.mdbUser, '!Ref Tok]')] },
    { name: 'json: a literal', path: 't.json', code: c.jsonLiteral, errors: [at(RULE, c.jsonLiteral, `"${TOKEN}"`)] },
    { name: 'json: a parameter without NoEcho', path: 't.json', code: c.jsonParam, errors: [at(RULE, c.jsonParam, '"AuthToken": ', 13)] },
    { name: 'json: a MemoryDB user literal', path: 't.json', code: c.jsonMdb, errors: [at(RULE, c.jsonMdb, `"${TOKEN}"`)] },
    { name: 'tf: a literal', path: 'main.tf', code: c.tfLiteral, errors: [at(RULE, c.tfLiteral, `"${TOKEN}"`)] },
    { name: 'tf: a variable that is not sensitive', path: 'main.tf', code: c.tfPlainVar, errors: [at(RULE, c.tfPlainVar, 'var.token')] },
    { name: 'tf: a sensitive variable with a default', path: 'main.tf', code: c.tfSensitiveDefault, errors: [at(RULE, c.tfSensitiveDefault, 'var.token')] },
    { name: 'tf: a literal through a local', path: 'main.tf', code: c.tfLocal, errors: [at(RULE, c.tfLocal, 'local.token')] },
    { name: 'tf: user passwords literal', path: 'main.tf', code: c.tfUser, errors: [at(RULE, c.tfUser, `"${TOKEN}"`)] },
    { name: 'tf: authentication_mode passwords literal', path: 'main.tf', code: c.tfUserMode, errors: [at(RULE, c.tfUserMode, `"${TOKEN}"`)] },
    { name: 'tf: a MemoryDB user password from a variable that is not sensitive', path: 'main.tf', code: c.tfMdbUser, errors: [at(RULE, c.tfMdbUser, 'var.pw')] },
  ],
});

test('messages say where the secret comes from and who can read it', async () => {
  const [l] = (await findings('t.yaml', c.literal, RULE)).findings;
  assert.equal(l.message, "Replication group 'Cache' exposes its AUTH token: AuthToken is written in the file as a literal, so anyone who can read the file (or its history) has it.");
  const [p] = (await findings('t.yaml', c.paramPlain, RULE)).findings;
  assert.equal(p.message, "Replication group 'Cache' exposes its AUTH token: AuthToken comes from parameter 'Tok', which is not NoEcho, so CloudFormation shows its value in the console and in DescribeStacks to anyone who can view the stack.");
  const [d] = (await findings('t.yaml', c.paramDefault, RULE)).findings;
  assert.match(d.message, /AuthToken comes from parameter 'Tok', whose default is written in the file/);
  assert.deepEqual(d.related?.map((x) => [x.path, x.range.start.line]), [['t.yaml', 5]]);
  const [s] = (await findings('t.yaml', c.ssmType, RULE)).findings;
  assert.match(s.message, /which is not NoEcho, so CloudFormation shows the value it reads from Parameter Store/);
  const [t] = (await findings('main.tf', c.tfPlainVar, RULE)).findings;
  assert.equal(t.message, "Replication group 'cache' exposes its AUTH token: auth_token comes from variable 'token', which is not sensitive, so Terraform prints its value wherever it is used outside a sensitive argument (outputs, other resources, logs).");
  const [u] = (await findings('main.tf', c.tfUserMode, RULE)).findings;
  assert.match(u.message, /^ElastiCache user 'cache' exposes its password: authentication_mode\.passwords is written in the file as a literal/);
  const [m] = (await findings('t.json', c.jsonMdb, RULE)).findings;
  assert.match(m.message, /^MemoryDB user 'Cache' exposes its password: AuthenticationMode\.Passwords/);
});

test('a module spread over main.tf, variables.tf and terraform.tfvars', async () => {
  const files = {
    'main.tf': tf(TF_RG, ['description = "x"', 'auth_token  = var.token']),
    'variables.tf': 'variable "token" {\n  type      = string\n  sensitive = true\n}\n',
  };
  assert.deepEqual(summarize(await inModule(files, 'main.tf', RULE)), []);
  // The value sits in a file beside the code: sensitive or not, it is exposed.
  const r = await inModule({ ...files, 'terraform.tfvars': `token = "${TOKEN}"\n` }, 'main.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, files['main.tf'], 'var.token')]);
  assert.match(r.findings[0].message, /auth_token comes from variable 'token', whose value is written in terraform\.tfvars, so anyone who can read terraform\.tfvars has it\.$/);
  assert.deepEqual(r.findings[0].related?.map((x) => [x.path, x.range.start.line, x.range.start.character]), [['mod/terraform.tfvars', 0, 8]]);
  assert.deepEqual(r.findings[0].fixes, []);
  // A default in variables.tf: the related location is there, and this file has nothing to edit.
  const withDefault = { ...files, 'variables.tf': files['variables.tf'].replace('sensitive = true\n', `sensitive = true\n  default   = "${TOKEN}"\n`) };
  const d = await inModule(withDefault, 'main.tf', RULE);
  assert.deepEqual(summarize(d), [at(RULE, files['main.tf'], 'var.token')]);
  assert.match(d.findings[0].message, /whose default is written in variables\.tf/);
  assert.deepEqual(d.findings[0].related?.map((x) => x.path), ['mod/variables.tf']);
  assert.deepEqual(d.findings[0].fixes, []);
  // Not sensitive in variables.tf.
  const plain = { ...files, 'variables.tf': 'variable "token" {\n  type = string\n}\n' };
  assert.deepEqual(summarize(await inModule(plain, 'main.tf', RULE)), [at(RULE, files['main.tf'], 'var.token')]);
});

test('fixes (CloudFormation): a literal moves to a new NoEcho parameter; a parameter is marked NoEcho and loses its default', async () => {
  const moved = await roundTrip('t.yaml', c.literal, RULE, "Move the AUTH token to a new NoEcho parameter 'CacheAuthToken' (its value is then given at deploy time)",
    /Parameters:\n  CacheAuthToken:\n    Type: String\n[\s\S]*    NoEcho: true\nResources:[\s\S]*      AuthToken: !Ref CacheAuthToken\n/);
  assert.doesNotMatch(moved, new RegExp(TOKEN));
  // A password in a list: only that item is replaced.
  const item = yaml(USER, [...U, `Passwords: [${TOKEN}, '{{resolve:secretsmanager:app:SecretString:password}}']`]);
  const user = await roundTrip('t.yaml', item, RULE, "Move the password to a new NoEcho parameter 'CachePassword' (its value is then given at deploy time)",
    /      Passwords: \[!Ref CachePassword, '\{\{resolve:secretsmanager:app:SecretString:password\}\}'\]\n/);
  assert.doesNotMatch(user, new RegExp(TOKEN));
  await roundTrip('t.yaml', c.userMode, RULE, "Move the password to a new NoEcho parameter 'CachePassword' (its value is then given at deploy time)", /    - !Ref CachePassword\n/);
  await roundTrip('t.yaml', c.paramPlain, RULE, "Mark parameter 'Tok' NoEcho", /  Tok:\n    Type: String\n    NoEcho: true\n/);
  const dropped = await roundTrip('t.yaml', c.paramDefault, RULE, "Remove the default of parameter 'Tok' (its value is then given at deploy time)", /  Tok:\n    Type: String\n    NoEcho: true\n(?!    Default)/);
  assert.doesNotMatch(dropped, new RegExp(TOKEN));
  await roundTrip('t.yaml', c.mdbUser, RULE, "Mark parameter 'Tok' NoEcho and remove its default (its value is then given at deploy time)", /  Tok:\n    Type: String\n    NoEcho: true\n(?!    Default)/);
  const json = await roundTrip('t.json', c.jsonLiteral, RULE, "Move the AUTH token to a new NoEcho parameter 'CacheAuthToken' (its value is then given at deploy time)", /"AuthToken": \{\s*"Ref": "CacheAuthToken"\s*\}/);
  assert.doesNotThrow(() => JSON.parse(json));
  await roundTrip('t.json', c.jsonParam, RULE, "Mark parameter 'Tok' NoEcho", /"NoEcho": true/);
  await roundTrip('t.json', c.jsonMdb, RULE, "Move the password to a new NoEcho parameter 'CachePassword' (its value is then given at deploy time)", /"Passwords": \[\s*\{\s*"Ref": "CachePassword"\s*\}\s*\]/);
});

test('no fix where the file has nothing to edit or the condition is the user\'s: a literal in a branch', async () => {
  const [f] = (await findings('t.yaml', c.ifLiteral, RULE)).findings;
  assert.deepEqual(f.fixes, []);
});

test('fixes (Terraform): a literal moves to a new sensitive variable; a variable is marked sensitive and loses its default; fmt-clean', async (t) => {
  const moved = await roundTrip('main.tf', c.tfLiteral, RULE, "Move the AUTH token to a new sensitive variable 'cache_auth_token' (its value is then given at deploy time)",
    /  auth_token                 = var\.cache_auth_token\n/);
  assert.match(moved, /variable "cache_auth_token" \{\n  type        = string\n[\s\S]*  sensitive   = true\n\}\n/);
  assert.doesNotMatch(moved, new RegExp(TOKEN));
  assertFmtClean(moved, t);
  const user = await roundTrip('main.tf', c.tfUser, RULE, "Move the password to a new sensitive variable 'cache_password' (its value is then given at deploy time)", /  passwords     = \[var\.cache_password\]\n/);
  assertFmtClean(user, t);
  const mode = await roundTrip('main.tf', c.tfUserMode, RULE, "Move the password to a new sensitive variable 'cache_password' (its value is then given at deploy time)", /    passwords = \[var\.cache_password\]\n/);
  assertFmtClean(mode, t);
  const marked = await roundTrip('main.tf', c.tfPlainVar, RULE, "Mark variable 'token' sensitive", /variable "token" \{\n  type\s+= string\n  sensitive = true\n\}\n/);
  assertFmtClean(marked, t);
  const dropped = await roundTrip('main.tf', c.tfSensitiveDefault, RULE, "Remove the default of variable 'token' (its value is then given at deploy time)", /variable "token" \{\n  type\s+= string\n  sensitive\s+= true\n\}\n/);
  assert.doesNotMatch(dropped, new RegExp(TOKEN));
  assertFmtClean(dropped, t);
  const mdb = await roundTrip('main.tf', c.tfMdbUser, RULE, "Mark variable 'pw' sensitive", /  sensitive = true\n/);
  assertFmtClean(mdb, t);
});

test('a literal through a local: the fix points the property at a new variable (the local is left for its other users)', async () => {
  const fixed = await roundTrip('main.tf', c.tfLocal, RULE, "Move the AUTH token to a new sensitive variable 'cache_auth_token' (its value is then given at deploy time)", /  auth_token  = var\.cache_auth_token\n/);
  assert.match(fixed, /locals \{\n  token = /);
});

test('Terraform JSON: a literal token, and its fix', async () => {
  const code = JSON.stringify({ resource: { aws_elasticache_replication_group: { cache: { description: 'x', transit_encryption_enabled: true, auth_token: TOKEN } } } }, null, 2) + '\n';
  assert.deepEqual(summarize(await findings('main.tf.json', code, RULE)), [at(RULE, code, `"${TOKEN}"`)]);
  const fixed = await roundTrip('main.tf.json', code, RULE, "Move the AUTH token to a new sensitive variable 'cache_auth_token' (its value is then given at deploy time)", /"auth_token": "\$\{var\.cache_auth_token\}"/);
  const parsed = JSON.parse(fixed);
  assert.equal(parsed.variable.cache_auth_token.sensitive, true);
});
