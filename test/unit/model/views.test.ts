/**
 * The canonical views (model/views/*): ingress rules in both CloudFormation shapes and all three Terraform shapes,
 * parameter-group parameters, users with their authentication modes and group membership, and the reverse
 * lookups (which caches use a group). The same fixture in both formats (test/unit/model/fixtures/views.yaml,
 * test/fixtures/terraform/views/), with look-alikes that must not count: egress inline and as resources, a rule of
 * unknown direction, a computed ingress list, a parameter whose name is a variable, the external `default` user.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cloudformation } from '../../../server/src/formats/cloudformation';
import { LineIndex } from '../../../server/src/engine/text';
import { Grammars } from '../../../server/src/engine/grammars';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import type { IacModel, IacResource } from '../../../server/src/model/iac';
import { cachesBehind, ingressOf, ingressView, opensTcpPort } from '../../../server/src/model/views/ingress';
import { cachesUsingParameters, parameterGroupOf, parametersOf } from '../../../server/src/model/views/parameters';
import { authenticationOf, cachesUsingUsers, userGroupsOf, usersOf } from '../../../server/src/model/views/users';
import { parseInModule, readDir } from './module-support';
import { parseTerraform, at } from '../terraform/parse';
import { showResolution, showRule } from './views-support';

const CFN = path.join(__dirname, 'fixtures/views.yaml');
const TF = path.join(__dirname, '../../fixtures/terraform/views');

function cfnModel(text = fs.readFileSync(CFN, 'utf8')): IacModel {
  const parsed = cloudformation.parse({ path: CFN, text }, new LineIndex(text), new Grammars(nodeGrammarSource()));
  assert.ok(parsed);
  return parsed.model;
}

async function tfModel(): Promise<IacModel> {
  return (await parseInModule(readDir(TF), 'main.tf')).model;
}

/** A resource by name, and by kind where Terraform names repeat across types (`aws_security_group.app`, `aws_memorydb_user.app`). */
function named(model: IacModel, name: string, kind?: IacResource['kind']): IacResource {
  const all = [...model.resources, ...(model.moduleResources ?? []).map((m) => m.resource)];
  return all.find((r) => r.name === name && (!kind || r.kind === kind))!;
}

const names = (xs: { resource: IacResource }[]) => xs.map((x) => x.resource.name);

test('CloudFormation ingress: inline rules and AWS::EC2::SecurityGroupIngress, one shape; egress is not ingress', () => {
  const model = cfnModel();
  const view = ingressView(model);
  assert.deepEqual(view.rules.map(showRule), [
    // CidrIp is !Ref AppCidr, whose default 10.1.0.0/16 is the value; the range is the reference (line 16, col 19).
    'CacheSG#0 group=CacheSG proto=tcp ports=6379-6379 v4=[10.1.0.0/16@16:19-16:31]',
    // IpProtocol "-1": every port, whatever FromPort/ToPort say (none written here).
    'CacheSG#1 group=CacheSG proto=-1 ports=0-65535 v6=[::/0@18:21-18:25]',
    // IpProtocol 6 is tcp; GroupId !GetAtt CacheSG.GroupId resolves to the group; the source !Ref AppSG to AppSG.
    'FromApp group=CacheSG proto=tcp ports=6379-6380 src=[AppSG]',
    'FromList group=external:sg-0fffffffffffffff0 proto=tcp ports=6379-6379 pl=[pl-0123@42:27-42:34]',
  ]);
  assert.deepEqual(view.rules.map((r) => at(r.range)), ['13:11-16:31', '17:11-18:25', '27:3-27:10', '35:3-35:11']);
  assert.deepEqual(view.opaque, []);
  const sg = named(model, 'CacheSG');
  assert.deepEqual(ingressOf(model, sg).map(showRule).map((s) => s.split(' ')[0]), ['CacheSG#0', 'CacheSG#1', 'FromApp']);
  assert.deepEqual(names(cachesBehind(model, sg)), ['Cache']);
  assert.deepEqual(names(cachesBehind(model, named(model, 'AppSG'))), ['Other']);
  assert.deepEqual(view.rules.map((r) => opensTcpPort(r, 6380)), [false, true, true, false]);
});

test('Terraform ingress: inline blocks, aws_security_group_rule (ingress only), aws_vpc_security_group_ingress_rule, across files', async () => {
  const model = await tfModel();
  const view = ingressView(model);
  assert.deepEqual(view.rules.map(showRule), [
    // var.extra_cidr has no default: that item may be any range (`?`), and still has its place for a message.
    'cache#0 group=cache@network.tf proto=tcp ports=6379-6379 v4=[10.0.0.0/16@9:20-9:33 ?@9:35-9:49]',
    // protocol "-1" with from_port = to_port = 0 is every port; self = true admits the group's own members.
    'cache#1 group=cache@network.tf proto=-1 ports=0-65535 v6=[::/0@16:25-16:31] self=true',
    'from_app group=cache@network.tf proto=tcp ports=6379-6380 src=[app@network.tf]',
    // ip_protocol "-1" on the VPC rule: all ports, no from_port/to_port needed.
    'list group=cache@network.tf proto=-1 ports=0-65535 pl=[pl-0123@54:23-54:32]',
  ]);
  assert.deepEqual(view.rules.map((r) => [r.declaredBy.path && path.basename(r.declaredBy.path), at(r.range)]), [
    ['network.tf', '5:3-10:4'], ['network.tf', '12:3-18:4'], ['network.tf', '33:10-33:46'], ['network.tf', '51:10-51:54'],
  ]);
  // `ingress = var.rules` cannot be read rule by rule: the group may admit anything.
  assert.deepEqual(view.opaque.map((o) => [o.declaredBy.resource.name, o.value.kind, at(o.value.range)]), [['computed', 'input', '59:13-59:22']]);
  assert.deepEqual(names(cachesBehind(model, named(model, 'cache', 'securityGroup'))), ['cache']);
  assert.deepEqual(names(cachesBehind(model, named(model, 'app', 'securityGroup'))), ['other']);
  assert.deepEqual(names(cachesBehind(model, named(model, 'computed'))), []);
});

test('Terraform ingress look-alikes: a rule of unknown direction, a protocol number, a single inline block in .tf.json', async () => {
  const hcl = await parseTerraform('rules.tf', [
    'resource "aws_security_group" "g" {',
    '  ingress {',
    '    protocol    = 6',
    '    from_port   = 6379',
    '    to_port     = 6379',
    '    cidr_blocks = ["0.0.0.0/0"]',
    '  }',
    '}',
    'resource "aws_security_group_rule" "maybe" {',
    '  type              = var.direction',
    '  security_group_id = aws_security_group.g.id',
    '  protocol          = "tcp"',
    '  from_port         = 6379',
    '  to_port           = 6379',
    '  cidr_blocks       = ["0.0.0.0/0"]',
    '}',
    '',
  ].join('\n'));
  assert.deepEqual(ingressView(hcl.model).rules.map(showRule), ['g group=g proto=tcp ports=6379-6379 v4=[0.0.0.0/0@6:20-6:31]']);
  const json = await parseTerraform('rules.tf.json', JSON.stringify({
    resource: { aws_security_group: { g: { ingress: [{ protocol: 'tcp', from_port: 6379, to_port: 6380, cidr_blocks: ['10.0.0.0/8'], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: 'app' }] } } },
  }, null, 2));
  assert.deepEqual(ingressView(json.model).rules.map(showRule), ['g#0 group=g proto=tcp ports=6379-6380 v4=[10.0.0.0/8@11:15-11:27] self=false']);
});

test('CloudFormation parameters: the Properties map (ElastiCache) and Parameters (MemoryDB), and who uses each group', () => {
  const model = cfnModel();
  const show = (name: string) => {
    const p = parametersOf(named(model, name))!;
    return { complete: p.complete, entries: [...p.byName.values()].map((x) => `${x.name}=${x.value}@${at(x.nameRange)}/${at(x.range)}`) };
  };
  // reserved-memory-percent: 25 is a YAML number; the view gives every value as the string AWS stores.
  assert.deepEqual(show('Params'), { complete: true, entries: ['maxmemory-policy=allkeys-lru@55:9-55:25/55:27-55:38', 'reserved-memory-percent=25@56:9-56:32/56:34-56:36'] });
  assert.deepEqual(show('MdbParams'), { complete: true, entries: ['maxmemory-policy=noeviction@100:9-100:25/100:27-100:37'] });
  assert.deepEqual(names(cachesUsingParameters(model, named(model, 'Params'))), ['Cache']);
  // ParameterGroupName: mdb-params is a literal name: it finds the group by its ParameterGroupName.
  assert.deepEqual(names(cachesUsingParameters(model, named(model, 'MdbParams'))), ['Mdb']);
  assert.equal(showResolution(parameterGroupOf(model, named(model, 'Other'))), 'external:default.redis7');
  assert.equal(parametersOf(named(model, 'Cache')), undefined);
  const computed = cfnModel(fs.readFileSync(CFN, 'utf8').replace('      Properties:\n        maxmemory-policy: allkeys-lru\n        reserved-memory-percent: 25\n', '      Properties: !If [Lru, {maxmemory-policy: allkeys-lru}, {}]\n'));
  assert.deepEqual(parametersOf(named(computed, 'Params')), { byName: new Map(), complete: false });
});

test('Terraform parameters: parameter blocks; a name that is a variable leaves the view incomplete', async () => {
  const model = await tfModel();
  const show = (name: string) => {
    const p = parametersOf(named(model, name, name === 'mdb' ? 'memorydbParameterGroup' : 'parameterGroup'))!;
    return { complete: p.complete, entries: [...p.byName.values()].map((x) => `${x.name}=${x.value}@${at(x.nameRange)}/${at(x.range)}`) };
  };
  assert.deepEqual(show('lru'), { complete: true, entries: ['maxmemory-policy=allkeys-lru@10:13-10:31/11:13-11:26', 'reserved-memory-percent=25@15:13-15:38/16:13-16:15'] });
  assert.deepEqual(show('one'), { complete: false, entries: [] });
  assert.deepEqual(show('mdb'), { complete: true, entries: ['maxmemory-policy=noeviction@76:13-76:31/77:13-77:25'] });
  assert.deepEqual(names(cachesUsingParameters(model, named(model, 'lru'))), ['cache']);
  assert.deepEqual(names(cachesUsingParameters(model, named(model, 'one'))), []);
  assert.deepEqual(names(cachesUsingParameters(model, named(model, 'mdb', 'memorydbParameterGroup'))), ['mdb']);
});

test('CloudFormation users: AuthenticationMode.Type, the older NoPasswordRequired/Passwords, membership and who accepts them', () => {
  const model = cfnModel();
  const auth = (name: string) => {
    const a = authenticationOf(named(model, name))!;
    return [a.type, at(a.range), a.why, a.passwords.map((p) => `${p.value ?? '?'}@${at(p.range)}`), a.noPasswordRequired?.value];
  };
  assert.deepEqual(auth('Open'), ['no-password-required', '65:15-65:35', 'AuthenticationMode.Type is "no-password-required"', [], undefined]);
  // A dynamic reference is a password whose value is not in the template.
  assert.deepEqual(auth('Legacy'), ['password', '74:18-74:76', 'Passwords is set', ['?@74:19-74:75'], false]);
  assert.deepEqual(auth('MdbUser'), ['iam', '107:15-107:18', 'AuthenticationMode.Type is "iam"', [], undefined]);
  assert.equal(authenticationOf(named(model, 'Users')), undefined);
  // `default` is the service's own user; !Ref Open by logical id; legacy-user by its UserId.
  assert.deepEqual(usersOf(model, named(model, 'Users'))!.map((m) => showResolution(m.user)), ['external:default', 'Open', 'Legacy']);
  assert.deepEqual(usersOf(model, named(model, 'Acl'))!.map((m) => showResolution(m.user)), ['MdbUser']);
  assert.deepEqual(userGroupsOf(model, named(model, 'Cache')).map(showResolution), ['Users']);
  assert.deepEqual(userGroupsOf(model, named(model, 'Other')).map(showResolution), ['absent']);
  assert.deepEqual(userGroupsOf(model, named(model, 'Mdb')).map(showResolution), ['Acl']);
  assert.deepEqual(names(cachesUsingUsers(model, named(model, 'Users'))), ['Cache']);
  assert.deepEqual(names(cachesUsingUsers(model, named(model, 'Acl'))), ['Mdb']);
});

test('Terraform users: authentication_mode { type }, no_password_required/passwords, membership by address and by name', async () => {
  const model = await tfModel();
  const auth = (name: string, kind: IacResource['kind'] = 'elasticacheUser') => {
    const a = authenticationOf(named(model, name, kind))!;
    return [a.type, at(a.range), a.why, a.passwords.map((p) => `${p.value ?? '?'}@${at(p.range)}`), a.noPasswordRequired?.value];
  };
  assert.deepEqual(auth('open'), ['no-password-required', '37:12-37:34', 'authentication_mode.type is "no-password-required"', [], undefined]);
  assert.deepEqual(auth('legacy'), ['password', '47:26-47:40', 'passwords is set', ['?@47:27-47:39'], false]);
  assert.deepEqual(auth('app', 'memorydbUser'), ['iam', '86:12-86:17', 'authentication_mode.type is "iam"', [], undefined]);
  assert.deepEqual(usersOf(model, named(model, 'app', 'elasticacheUserGroup'))!.map((m) => showResolution(m.user)), ['external:default', 'open', 'legacy']);
  assert.deepEqual(usersOf(model, named(model, 'acl'))!.map((m) => showResolution(m.user)), ['app']);
  assert.deepEqual(userGroupsOf(model, named(model, 'cache', 'replicationGroup')).map(showResolution), ['app']);
  assert.deepEqual(names(cachesUsingUsers(model, named(model, 'acl'))), ['mdb']);
});

test('users look-alikes: NoPasswordRequired from a parameter without a default is unknown, not "password"', () => {
  const text = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Parameters:',
    '  Npr:',
    '    Type: String',
    'Resources:',
    '  U:',
    '    Type: AWS::ElastiCache::User',
    '    Properties:',
    '      UserId: u',
    '      UserName: u',
    '      Engine: redis',
    '      AccessString: on ~* +@all',
    '      NoPasswordRequired: !Ref Npr',
    '      Passwords: [a-long-password-123]',
    '  Bare:',
    '    Type: AWS::ElastiCache::User',
    '    Properties:',
    '      UserId: bare',
    '',
  ].join('\n');
  const model = cfnModel(text);
  const u = authenticationOf(named(model, 'U'))!;
  assert.deepEqual([u.type, at(u.range), u.why], [undefined, '13:27-13:35', 'NoPasswordRequired cannot be known']);
  const bare = authenticationOf(named(model, 'Bare'))!;
  assert.deepEqual([bare.type, at(bare.range), bare.why], [undefined, '15:3-15:7', 'neither AuthenticationMode nor Passwords is set']);
});

test('ingress under conditions: a CIDR chosen by Fn::If keeps both branches; a choice of whole rules and a dynamic block are opaque', async () => {
  const text = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    '  G:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties:',
    '      GroupDescription: g',
    '      SecurityGroupIngress:',
    '        - IpProtocol: tcp',
    '          FromPort: 6379',
    '          ToPort: 6379',
    '          CidrIp: !If [Public, 0.0.0.0/0, !Ref AWS::NoValue]',
    '        - !If [Open, {IpProtocol: "-1", CidrIp: 0.0.0.0/0}, !Ref AWS::NoValue]',
    '',
  ].join('\n');
  const view = ingressView(cfnModel(text));
  assert.equal(view.rules.length, 1);
  const [cidr] = view.rules[0].ipv4;
  assert.deepEqual([cidr.value, at(cidr.range), cidr.branches?.map((b) => [b.condition, b.when, b.value, at(b.range)])], [
    undefined, '11:19-11:61', [['Public', true, '0.0.0.0/0', '11:32-11:41'], ['Public', false, undefined, 'none']],
  ]);
  assert.deepEqual(view.opaque.map((o) => [o.declaredBy.resource.name, o.value.kind, at(o.value.range)]), [['G', 'choice', '12:11-12:79']]);
  const hcl = await parseTerraform('sg.tf', [
    'resource "aws_security_group" "d" {',
    '  dynamic "ingress" {',
    '    for_each = var.rules',
    '    content {',
    '      protocol    = "tcp"',
    '      from_port   = ingress.value',
    '      to_port     = ingress.value',
    '      cidr_blocks = ["0.0.0.0/0"]',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n'));
  const d = ingressView(hcl.model);
  assert.deepEqual([d.rules.length, d.opaque.map((o) => [o.declaredBy.resource.name, at(o.value.range)])], [0, [['d', '2:3-10:4']]]);
});
