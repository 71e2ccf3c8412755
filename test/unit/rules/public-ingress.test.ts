/**
 * public-ingress in CloudFormation YAML, JSON and Terraform: all five ingress shapes (inline SecurityGroupIngress,
 * AWS::EC2::SecurityGroupIngress, inline `ingress` blocks, aws_security_group_rule, aws_vpc_security_group_ingress_rule),
 * IPv4 and IPv6, port ranges and `-1`, a cache's own Port, the group attached by `!GetAtt Sg.GroupId`, `!Ref Sg` and
 * `aws_security_group.x.id`, conditions, parameter and variable defaults, tfvars. Look-alikes that must stay silent:
 * source groups, prefix lists, port 443, egress, a wide range on a group with no cache behind it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule, roundTrip } from './iac-support';
import { applyEdits, summarize } from '../../support/analyze';
import { assertFmtClean } from '../../support/terraformFmt';

const RULE = 'public-ingress';

/** A template with a VPC, a security group `CacheSG` with `ingress` rules (YAML lines under the list), a cache behind it, and `extra` resources. */
function cfn(ingress: string[], { extra = [] as string[], head = '', attach = '!GetAtt CacheSG.GroupId', cacheProps = [] as string[] } = {}): string {
  return [
    'AWSTemplateFormatVersion: "2010-09-09"',
    head + 'Resources:',
    '  Vpc:',
    '    Type: AWS::EC2::VPC',
    '    Properties:',
    '      CidrBlock: 10.0.0.0/16',
    '  CacheSG:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties:',
    '      GroupDescription: cache',
    '      VpcId: !Ref Vpc',
    ...(ingress.length ? ['      SecurityGroupIngress:', ...ingress.map((l) => `        ${l}`)] : []),
    ...(attach ? [
      '  Cache:',
      '    Type: AWS::ElastiCache::ReplicationGroup',
      '    Properties:',
      '      ReplicationGroupDescription: sessions',
      '      Engine: valkey',
      `      SecurityGroupIds: [${attach}]`,
      ...cacheProps.map((l) => `      ${l}`),
    ] : []),
    ...extra.map((l) => `  ${l}`),
    '',
  ].join('\n');
}

const tcp = (port: number | string, to = port) => [`- IpProtocol: tcp`, `  FromPort: ${port}`, `  ToPort: ${to}`];
const standalone = (name: string, lines: string[], group = '!GetAtt CacheSG.GroupId') => [
  `${name}:`, '  Type: AWS::EC2::SecurityGroupIngress', '  Properties:', `    GroupId: ${group}`, ...lines.map((l) => `    ${l}`),
];

/** Terraform: a VPC, a group `cache` with `body` lines inside it, a replication group behind it unless `attach` is false, and `after`. */
function hcl(body: string[], after = '', attach = true): string {
  return [
    'resource "aws_vpc" "main" {',
    '  cidr_block = "10.0.0.0/16"',
    '}',
    '',
    'resource "aws_security_group" "cache" {',
    '  vpc_id = aws_vpc.main.id',
    ...body.map((l) => `  ${l}`),
    '}',
    '',
    ...(attach ? [
      'resource "aws_elasticache_replication_group" "sessions" {',
      '  replication_group_id = "sessions"',
      '  description          = "sessions"',
      '  security_group_ids   = [aws_security_group.cache.id]',
      '}',
      '',
    ] : []),
  ].join('\n') + after;
}

const tfIngress = (lines: string[]) => ['ingress {', ...lines.map((l) => `  ${l}`), '}'];
/** A rule resource on the `cache` group, its `name = value` lines aligned as terraform fmt aligns them. */
function tfRule(type: string, name: string, lines: string[]): string {
  const pairs = [['security_group_id', 'aws_security_group.cache.id'], ...lines.map((l) => l.split(/\s*=\s*(.*)/).slice(0, 2))];
  const width = Math.max(...pairs.map(([k]) => k.length));
  return `resource "${type}" "${name}" {\n${pairs.map(([k, v]) => `  ${k.padEnd(width)} = ${v}`).join('\n')}\n}\n`;
}

const c = {
  // CloudFormation YAML
  inline: cfn([...tcp(6379), '  CidrIp: 0.0.0.0/0']),
  inlineSecond: cfn([...tcp(6379), '  SourceSecurityGroupId: sg-0123456789abcdef0', ...tcp(6380), '  CidrIp: 0.0.0.0/0']),
  allProtocols: cfn(['- IpProtocol: "-1"', '  CidrIpv6: ::/0']),
  protocolNumber: cfn(['- IpProtocol: 6', '  FromPort: 6379', '  ToPort: 6380', '  CidrIp: 0.0.0.0/0']),
  resource: cfn([], { extra: standalone('Open', ['IpProtocol: tcp', 'FromPort: 0', 'ToPort: 65535', 'CidrIp: 0.0.0.0/0']) }),
  resourceRef: cfn([], { extra: standalone('Open', ['IpProtocol: tcp', 'FromPort: 6379', 'ToPort: 6379', 'CidrIpv6: "::/0"'], '!Ref CacheSG') }),
  attachedByRef: cfn([...tcp(6379), '  CidrIp: 0.0.0.0/0'], { attach: '!Ref CacheSG' }),
  ownPort: cfn([...tcp(7000), '  CidrIp: 0.0.0.0/0'], { cacheProps: ['Port: 7000'] }),
  unattachedCachePort: cfn([...tcp(11211), '  CidrIp: 0.0.0.0/0'], { attach: '' }),
  condition: cfn([...tcp(6379), '  CidrIp: !If [Public, 0.0.0.0/0, 10.0.0.0/16]'], { head: 'Conditions:\n  Public: !Equals [!Ref AWS::StackName, demo]\n' }),
  param: cfn([...tcp(6379), '  CidrIp: !Ref Allowed'], { head: 'Parameters:\n  Allowed:\n    Type: String\n    Default: 0.0.0.0/0\n' }),
  // CloudFormation JSON
  json: JSON.stringify({
    Resources: {
      CacheSG: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'cache', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, CidrIp: '0.0.0.0/0' }] } },
      Open: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { 'Fn::GetAtt': ['CacheSG', 'GroupId'] }, IpProtocol: '-1', CidrIpv6: '::/0' } },
      Cache: { Type: 'AWS::ElastiCache::CacheCluster', Properties: { Engine: 'memcached', CacheNodeType: 'cache.m7g.large', NumCacheNodes: 1, VpcSecurityGroupIds: [{ 'Fn::GetAtt': ['CacheSG', 'GroupId'] }] } },
    },
  }, null, 2),
  // Terraform
  tfInline: hcl(tfIngress(['protocol    = "tcp"', 'from_port   = 6379', 'to_port     = 6379', 'cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]'])),
  tfInlineIpv6: hcl([...tfIngress(['protocol         = "tcp"', 'from_port        = 443', 'to_port          = 443', 'cidr_blocks      = ["0.0.0.0/0"]']),
    ...tfIngress(['protocol         = "-1"', 'from_port        = 0', 'to_port          = 0', 'ipv6_cidr_blocks = ["::/0"]'])]),
  tfRule: hcl([], tfRule('aws_security_group_rule', 'open', ['type        = "ingress"', 'protocol    = "tcp"', 'from_port   = 6000', 'to_port     = 7000', 'cidr_blocks = ["0.0.0.0/0"]'])),
  tfVpcRule: hcl([], tfRule('aws_vpc_security_group_ingress_rule', 'v6', ['ip_protocol = "tcp"', 'from_port   = 6379', 'to_port     = 6379', 'cidr_ipv6   = "::/0"'])),
  tfVpcRuleAll: hcl([], tfRule('aws_vpc_security_group_ingress_rule', 'all', ['ip_protocol = "-1"', 'cidr_ipv4   = "0.0.0.0/0"'])),
  tfCluster: [
    'resource "aws_security_group" "mc" {',
    '  ingress {',
    '    protocol    = "tcp"',
    '    from_port   = 11211',
    '    to_port     = 11211',
    '    cidr_blocks = ["0.0.0.0/0"]',
    '  }',
    '}',
    '',
    'resource "aws_elasticache_cluster" "mc" {',
    '  cluster_id         = "mc"',
    '  engine             = "memcached"',
    '  security_group_ids = [aws_security_group.mc.id]',
    '}',
    '',
  ].join('\n'),
  tfVar: hcl([], tfRule('aws_vpc_security_group_ingress_rule', 'v', ['ip_protocol = "tcp"', 'from_port   = 6379', 'to_port     = 6379', 'cidr_ipv4   = var.allowed'])
    + 'variable "allowed" {\n  type    = string\n  default = "0.0.0.0/0"\n}\n'),
  tfListVar: hcl(tfIngress(['protocol    = "tcp"', 'from_port   = 6379', 'to_port     = 6379', 'cidr_blocks = var.allowed_cidrs']),
    'variable "allowed_cidrs" {\n  type    = list(string)\n  default = ["10.0.0.0/8", "0.0.0.0/0"]\n}\n'),
  tfJsonListVar: JSON.stringify({
    variable: { allowed: { type: 'list(string)', default: ['0.0.0.0/0'] } },
    resource: {
      aws_security_group: { cache: { ingress: [{ protocol: 'tcp', from_port: 6379, to_port: 6379, cidr_blocks: '${var.allowed}' }] } },
      aws_elasticache_replication_group: { s: { description: 's', security_group_ids: ['${aws_security_group.cache.id}'] } },
    },
  }, null, 2),
  tfCondOpen: hcl(tfIngress(['protocol    = "tcp"', 'from_port   = 6379', 'to_port     = 6379', 'cidr_blocks = [var.public ? "0.0.0.0/0" : "10.0.0.0/16"]']),
    'variable "public" {\n  type = bool\n}\n'),
  tfCondDecided: hcl(tfIngress(['protocol    = "tcp"', 'from_port   = 6379', 'to_port     = 6379', 'cidr_blocks = [var.public ? "0.0.0.0/0" : "10.0.0.0/16"]']),
    'variable "public" {\n  type    = bool\n  default = true\n}\n'),
  tfAttributeSyntax: [
    'resource "aws_security_group" "cache" {',
    '  ingress = [{',
    '    protocol         = "tcp"',
    '    from_port        = 6379',
    '    to_port          = 6379',
    '    cidr_blocks      = ["0.0.0.0/0"]',
    '    ipv6_cidr_blocks = []',
    '    prefix_list_ids  = []',
    '    security_groups  = []',
    '    self             = false',
    '    description      = "x"',
    '  }]',
    '}',
    '',
    'resource "aws_elasticache_cluster" "s" {',
    '  cluster_id         = "s"',
    '  security_group_ids = [aws_security_group.cache.id]',
    '}',
    '',
  ].join('\n'),
  tfJson: JSON.stringify({
    resource: {
      aws_security_group: { cache: { ingress: [{ protocol: 'tcp', from_port: 6379, to_port: 6379, cidr_blocks: ['0.0.0.0/0'] }] } },
      aws_memorydb_cluster: { m: { name: 'm', acl_name: 'a', security_group_ids: ['${aws_security_group.cache.id}'] } },
    },
  }, null, 2),
  tfUnattached: hcl([], tfRule('aws_security_group_rule', 'redis', ['type        = "ingress"', 'protocol    = "tcp"', 'from_port   = 6379', 'to_port     = 6379', 'cidr_blocks = ["0.0.0.0/0"]']), false),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: the cache port from the VPC range', path: 't.yaml', code: cfn([...tcp(6379), '  CidrIp: 10.0.0.0/16']) },
    { name: 'yaml: a source security group is not public', path: 't.yaml', code: cfn([...tcp(6379), '  SourceSecurityGroupId: sg-0123456789abcdef0']) },
    { name: 'yaml: a prefix list is not public', path: 't.yaml', code: cfn([...tcp(6379), '  SourcePrefixListId: pl-0123456789abcdef0']) },
    { name: 'yaml: port 443 open to the internet on the cache group reaches no cache port', path: 't.yaml', code: cfn([...tcp(443), '  CidrIp: 0.0.0.0/0']) },
    { name: 'yaml: udp 6379', path: 't.yaml', code: cfn(['- IpProtocol: udp', '  FromPort: 6379', '  ToPort: 6379', '  CidrIp: 0.0.0.0/0']) },
    { name: 'yaml: every port open on a group no cache uses', path: 't.yaml', code: cfn(['- IpProtocol: "-1"', '  CidrIp: 0.0.0.0/0'], { attach: '' }) },
    { name: 'yaml: port 443 on a group no cache uses', path: 't.yaml', code: cfn([...tcp(443), '  CidrIp: 0.0.0.0/0'], { attach: '' }) },
    { name: 'yaml: a parameter without a default may be any range: silent', path: 't.yaml', code: cfn([...tcp(6379), '  CidrIp: !Ref Allowed'], { head: 'Parameters:\n  Allowed:\n    Type: String\n' }) },
    { name: 'yaml: a port that cannot be known', path: 't.yaml', code: cfn([...tcp('!Ref Port'), '  CidrIp: 0.0.0.0/0'], { head: 'Parameters:\n  Port:\n    Type: Number\n' }) },
    { name: 'yaml: egress to the internet is not ingress', path: 't.yaml', code: cfn([], { extra: ['Out:', '  Type: AWS::EC2::SecurityGroupEgress', '  Properties:', '    GroupId: !GetAtt CacheSG.GroupId', '    IpProtocol: "-1"', '    CidrIp: 0.0.0.0/0'] }) },
    { name: 'yaml: both branches of !If are private', path: 't.yaml', code: cfn([...tcp(6379), '  CidrIp: !If [Wide, 10.0.0.0/8, 10.0.0.0/16]'], { head: 'Conditions:\n  Wide: !Equals [!Ref AWS::StackName, demo]\n' }) },
    { name: 'json: prefix list and source group', path: 't.json', code: c.json.replace('"CidrIp": "0.0.0.0/0"', '"SourcePrefixListId": "pl-0123"').replace('"CidrIpv6": "::/0"', '"SourceSecurityGroupId": "sg-0123"') },
    { name: 'tf: source security groups and self', path: 'main.tf', code: hcl(tfIngress(['protocol        = "tcp"', 'from_port       = 6379', 'to_port         = 6379', 'security_groups = ["sg-0123456789abcdef0"]', 'self            = true'])) },
    { name: 'tf: a prefix list on the VPC rule', path: 'main.tf', code: hcl([], tfRule('aws_vpc_security_group_ingress_rule', 'pl', ['ip_protocol    = "tcp"', 'from_port      = 6379', 'to_port        = 6379', 'prefix_list_id = "pl-0123456789abcdef0"'])) },
    { name: 'tf: a referenced security group on the VPC rule', path: 'main.tf', code: hcl([], tfRule('aws_vpc_security_group_ingress_rule', 'app', ['ip_protocol                  = "tcp"', 'from_port                    = 6379', 'to_port                      = 6379', 'referenced_security_group_id = "sg-0123456789abcdef0"'])) },
    { name: 'tf: an egress aws_security_group_rule', path: 'main.tf', code: hcl([], tfRule('aws_security_group_rule', 'out', ['type        = "egress"', 'protocol    = "-1"', 'from_port   = 0', 'to_port     = 0', 'cidr_blocks = ["0.0.0.0/0"]'])) },
    { name: 'tf: port 443 open on a group a cache uses', path: 'main.tf', code: hcl(tfIngress(['protocol    = "tcp"', 'from_port   = 443', 'to_port     = 443', 'cidr_blocks = ["0.0.0.0/0"]'])) },
    { name: 'tf: every port open on a group no cache uses', path: 'main.tf', code: hcl(tfIngress(['protocol    = "-1"', 'from_port   = 0', 'to_port     = 0', 'cidr_blocks = ["0.0.0.0/0"]']), '', false) },
    { name: 'tf: a variable without a default', path: 'main.tf', code: hcl(tfIngress(['protocol    = "tcp"', 'from_port   = 6379', 'to_port     = 6379', 'cidr_blocks = [var.allowed]']), 'variable "allowed" {\n  type = string\n}\n') },
    { name: 'tf: a list variable defaulting to private ranges', path: 'main.tf', code: c.tfListVar.replace(', "0.0.0.0/0"', '') },
    { name: 'tf: a condition decided to the private branch', path: 'main.tf', code: c.tfCondDecided.replace('default = true', 'default = false') },
  ],
  invalid: [
    { name: 'yaml: inline rule, cache port, group attached by !GetAtt: at the CIDR', path: 't.yaml', code: c.inline, errors: [at(RULE, c.inline, '0.0.0.0/0')], severities: ['error'] },
    { name: 'yaml: the second inline rule', path: 't.yaml', code: c.inlineSecond, errors: [at(RULE, c.inlineSecond, '0.0.0.0/0')] },
    { name: 'yaml: IpProtocol -1 to ::/0 (every port, IPv6)', path: 't.yaml', code: c.allProtocols, errors: [at(RULE, c.allProtocols, '::/0')] },
    { name: 'yaml: protocol number 6 is tcp, 6379-6380', path: 't.yaml', code: c.protocolNumber, errors: [at(RULE, c.protocolNumber, '0.0.0.0/0')] },
    { name: 'yaml: AWS::EC2::SecurityGroupIngress 0-65535 on the cache group', path: 't.yaml', code: c.resource, errors: [at(RULE, c.resource, '0.0.0.0/0')] },
    { name: 'yaml: AWS::EC2::SecurityGroupIngress by !Ref, quoted ::/0', path: 't.yaml', code: c.resourceRef, errors: [at(RULE, c.resourceRef, '"::/0"')] },
    { name: 'yaml: the cache attaches the group by !Ref', path: 't.yaml', code: c.attachedByRef, errors: [at(RULE, c.attachedByRef, '0.0.0.0/0')] },
    { name: 'yaml: the cache\'s own Port 7000', path: 't.yaml', code: c.ownPort, errors: [at(RULE, c.ownPort, '0.0.0.0/0')] },
    { name: 'yaml: 11211 on a group no cache uses: the port says it is for a cache', path: 't.yaml', code: c.unattachedCachePort, errors: [at(RULE, c.unattachedCachePort, '0.0.0.0/0')] },
    { name: 'yaml: !If with a public branch: info at that branch', path: 't.yaml', code: c.condition, errors: [at(RULE, c.condition, '0.0.0.0/0,')], severities: ['info'] },
    { name: 'yaml: a parameter defaulting to 0.0.0.0/0: at the !Ref', path: 't.yaml', code: c.param, errors: [at(RULE, c.param, '!Ref Allowed')] },
    { name: 'json: inline rule and AWS::EC2::SecurityGroupIngress on a Memcached cluster\'s group', path: 't.json', code: c.json, errors: [at(RULE, c.json, '"0.0.0.0/0"'), at(RULE, c.json, '"::/0"')] },
    { name: 'tf: inline block, the second of two ranges', path: 'main.tf', code: c.tfInline, errors: [at(RULE, c.tfInline, '"0.0.0.0/0"')] },
    { name: 'tf: two inline blocks: 443 silent, protocol -1 to ::/0 found', path: 'main.tf', code: c.tfInlineIpv6, errors: [at(RULE, c.tfInlineIpv6, '"::/0"')] },
    { name: 'tf: aws_security_group_rule with a range containing 6379', path: 'main.tf', code: c.tfRule, errors: [at(RULE, c.tfRule, '"0.0.0.0/0"')] },
    { name: 'tf: aws_vpc_security_group_ingress_rule cidr_ipv6', path: 'main.tf', code: c.tfVpcRule, errors: [at(RULE, c.tfVpcRule, '"::/0"')] },
    { name: 'tf: aws_vpc_security_group_ingress_rule ip_protocol -1', path: 'main.tf', code: c.tfVpcRuleAll, errors: [at(RULE, c.tfVpcRuleAll, '"0.0.0.0/0"')] },
    { name: 'tf: a Memcached cluster\'s group', path: 'main.tf', code: c.tfCluster, errors: [at(RULE, c.tfCluster, '"0.0.0.0/0"')] },
    { name: 'tf: a variable defaulting to 0.0.0.0/0: at the reference', path: 'main.tf', code: c.tfVar, errors: [at(RULE, c.tfVar, 'var.allowed')] },
    { name: 'tf: a list variable whose default holds 0.0.0.0/0: at the reference', path: 'main.tf', code: c.tfListVar, errors: [at(RULE, c.tfListVar, 'var.allowed_cidrs')] },
    { name: 'tf.json: a list variable default', path: 'main.tf.json', code: c.tfJsonListVar, errors: [at(RULE, c.tfJsonListVar, '"${var.allowed}"')] },
    { name: 'tf: a condition on a variable without default: info at the public branch', path: 'main.tf', code: c.tfCondOpen, errors: [at(RULE, c.tfCondOpen, '"0.0.0.0/0"')], severities: ['info'] },
    { name: 'tf: a condition the variable\'s default decides', path: 'main.tf', code: c.tfCondDecided, errors: [at(RULE, c.tfCondDecided, 'var.public ?')], severities: ['error'] },
    { name: 'tf: ingress written as an attribute (a list of objects)', path: 'main.tf', code: c.tfAttributeSyntax, errors: [at(RULE, c.tfAttributeSyntax, '"0.0.0.0/0"')] },
    { name: 'tf.json: inline ingress on a MemoryDB cluster\'s group', path: 'main.tf.json', code: c.tfJson, errors: [at(RULE, c.tfJson, '"0.0.0.0/0"')] },
    { name: 'tf: 6379 on a group nothing known uses', path: 'main.tf', code: c.tfUnattached, errors: [at(RULE, c.tfUnattached, '"0.0.0.0/0"')] },
  ],
});

test('messages name the group, the range as written, the port and the cache behind it (related: the cache)', async () => {
  const [y] = (await findings('t.yaml', c.inline, RULE)).findings;
  assert.equal(y.message, "Security group 'CacheSG' admits CidrIp \"0.0.0.0/0\" (the whole IPv4 internet) on port 6379, where replication group 'Cache' listens: anyone on the internet can reach the cache.");
  assert.deepEqual(y.related?.map((r) => [r.path, r.range.start.line, r.message]), [['t.yaml', 16, "Replication group 'Cache' uses this security group"]]);
  const [t] = (await findings('main.tf', c.tfRule, RULE)).findings;
  assert.equal(t.message, "Security group 'cache' admits cidr_blocks \"0.0.0.0/0\" (the whole IPv4 internet) on ports 6000-7000 (6379 among them), where replication group 'sessions' listens: anyone on the internet can reach the cache.");
  const [v6] = (await findings('main.tf', c.tfInlineIpv6, RULE)).findings;
  assert.match(v6.message, /admits ipv6_cidr_blocks "::\/0" \(the whole IPv6 internet\) on every port \(6379 among them\)/);
  const [own] = (await findings('t.yaml', c.ownPort, RULE)).findings;
  assert.match(own.message, /on port 7000, where replication group 'Cache' listens/);
  const [none] = (await findings('main.tf', c.tfUnattached, RULE)).findings;
  assert.equal(none.message, "Security group 'cache' admits cidr_blocks \"0.0.0.0/0\" (the whole IPv4 internet) on port 6379 (the Valkey/Redis OSS port): anyone on the internet can connect to whatever Valkey/Redis OSS server the group protects.");
  assert.equal(none.related, undefined);
  const [cond] = (await findings('t.yaml', c.condition, RULE)).findings;
  assert.match(cond.message, /admits CidrIp "0\.0\.0\.0\/0" .* when Public is true: on that branch anyone/);
  assert.deepEqual(cond.fixes, []);
  const [p] = (await findings('t.yaml', c.param, RULE)).findings;
  assert.match(p.message, /admits CidrIp "0\.0\.0\.0\/0" from the default of 'Allowed' \(the whole IPv4 internet\)/);
  const [mdb] = (await findings('main.tf.json', c.tfJson, RULE)).findings;
  assert.match(mdb.message, /where MemoryDB cluster 'm' listens/);
  const [mc] = (await findings('main.tf', c.tfCluster, RULE)).findings;
  assert.match(mc.message, /on port 11211, where cache cluster 'mc' listens/);
});

test('a module spread over files: the range from variables.tf, overridden in terraform.tfvars; the cache in another file', async () => {
  const files = {
    'network.tf': [
      'resource "aws_security_group" "cache" {',
      '  ingress {',
      '    protocol    = "tcp"',
      '    from_port   = 6379',
      '    to_port     = 6379',
      '    cidr_blocks = [var.allowed]',
      '  }',
      '}',
      '',
    ].join('\n'),
    'main.tf': 'resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id = "sessions"\n  description          = "sessions"\n  security_group_ids   = [aws_security_group.cache.id]\n}\n',
    'variables.tf': 'variable "allowed" {\n  type    = string\n  default = "10.0.0.0/16"\n}\n',
  };
  assert.deepEqual(summarize(await inModule(files, 'network.tf', RULE)), []);
  const r = await inModule({ ...files, 'terraform.tfvars': 'allowed = "0.0.0.0/0"\n' }, 'network.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, files['network.tf'], 'var.allowed')]);
  assert.match(r.findings[0].message, /cidr_blocks "0\.0\.0\.0\/0" from 'allowed', set in terraform\.tfvars .* where replication group 'sessions' listens/);
  assert.deepEqual(r.findings[0].related?.map((x) => [x.path, x.range.start.line, x.range.start.character]), [['mod/main.tf', 0, 9], ['mod/terraform.tfvars', 0, 10]]);
  // The rule is reported in the file that declares it, not in the cache's.
  assert.deepEqual(summarize(await inModule({ ...files, 'terraform.tfvars': 'allowed = "0.0.0.0/0"\n' }, 'main.tf', RULE)), []);
  // The default itself in variables.tf.
  const byDefault = await inModule({ ...files, 'variables.tf': files['variables.tf'].replace('10.0.0.0/16', '0.0.0.0/0') }, 'network.tf', RULE);
  assert.deepEqual(byDefault.findings[0].related?.map((x) => [x.path, x.range.start.line]), [['mod/main.tf', 0], ['mod/variables.tf', 2]]);
});

test('a list variable declared in variables.tf, its default or its tfvars value', async () => {
  const files = {
    'main.tf': hcl(tfIngress(['protocol    = "tcp"', 'from_port   = 6379', 'to_port     = 6379', 'cidr_blocks = var.allowed_cidrs'])),
    'variables.tf': 'variable "allowed_cidrs" {\n  type    = list(string)\n  default = ["0.0.0.0/0"]\n}\n',
  };
  const byDefault = await inModule(files, 'main.tf', RULE);
  assert.deepEqual(summarize(byDefault), [at(RULE, files['main.tf'], 'var.allowed_cidrs')]);
  assert.match(byDefault.findings[0].message, /from the default of 'allowed_cidrs'/);
  assert.deepEqual(byDefault.findings[0].related?.map((x) => [x.path, x.range.start.line, x.range.start.character]), [['mod/main.tf', 14, 9], ['mod/variables.tf', 2, 12]]);
  assert.deepEqual(summarize(await inModule({ ...files, 'terraform.tfvars': 'allowed_cidrs = ["10.0.0.0/8"]\n' }, 'main.tf', RULE)), []);
  const narrowed = { ...files, 'variables.tf': files['variables.tf'].replace('0.0.0.0/0', '10.0.0.0/8') };
  const byTfvars = await inModule({ ...narrowed, 'terraform.tfvars': 'allowed_cidrs = ["10.0.0.0/8", "0.0.0.0/0", "0.0.0.0/0"]\n' }, 'main.tf', RULE);
  assert.deepEqual(summarize(byTfvars), [at(RULE, files['main.tf'], 'var.allowed_cidrs')]);
  assert.match(byTfvars.findings[0].message, /from 'allowed_cidrs', set in terraform\.tfvars/);
});

test('for_each on a rule resource: one resource, reported once', async () => {
  const code = hcl([], 'resource "aws_security_group_rule" "each" {\n  for_each          = toset(["a", "b"])\n  type              = "ingress"\n  security_group_id = aws_security_group.cache.id\n  protocol          = "tcp"\n  from_port         = 6379\n  to_port           = 6379\n  cidr_blocks       = ["0.0.0.0/0"]\n}\n');
  assert.deepEqual(summarize(await findings('main.tf', code, RULE)), [at(RULE, code, '"0.0.0.0/0"')]);
});

test('fixes in CloudFormation: the VPC\'s range when the template declares the VPC, else a new parameter', async () => {
  await roundTrip('t.yaml', c.inline, RULE, "Narrow CidrIp to the range of VPC 'Vpc'", /\n {10}CidrIp: !GetAtt Vpc\.CidrBlock\n/);
  // A standalone rule resource: CidrIp is creation-only there.
  await roundTrip('t.yaml', c.resource, RULE, "Narrow CidrIp to the range of VPC 'Vpc' (replaces the rule)", /\n {6}CidrIp: !GetAtt Vpc\.CidrBlock\n/);
  // IPv6: a VPC's IPv6 block is optional, so the range is asked for.
  const v6 = await roundTrip('t.yaml', c.allProtocols, RULE, "Narrow CidrIpv6 to a new parameter 'CacheAllowedIpv6Cidr' (the clients' range)", /\n {10}CidrIpv6: !Ref CacheAllowedIpv6Cidr\n/);
  assert.match(v6, /Parameters:\n {2}CacheAllowedIpv6Cidr:\n {4}Type: String\n/);
  const noVpc = c.inline.replace('VpcId: !Ref Vpc', 'VpcId: vpc-0123456789abcdef0');
  const fixed = await roundTrip('t.yaml', noVpc, RULE, "Narrow CidrIp to a new parameter 'CacheAllowedCidr' (the clients' range)", /\n {10}CidrIp: !Ref CacheAllowedCidr\n/);
  assert.match(fixed, /Parameters:\n {2}CacheAllowedCidr:\n {4}Type: String\n/);
  const j = c.json.replace(/,\n\s+"Open": \{[\s\S]*?\n {4}\},\n/, ',\n');
  const fixedJson = await roundTrip('t.json', j, RULE, "Narrow CidrIp to a new parameter 'CacheAllowedCidr' (the clients' range)", /"CidrIp": \{\s*"Ref": "CacheAllowedCidr"\s*\}/);
  assert.match(fixedJson, /"Parameters": \{\s*"CacheAllowedCidr": \{\s*"Type": "String"/);
  // Only a range written in the rule is narrowed: one from a parameter's default, or on a branch, gets no fix.
  assert.deepEqual((await findings('t.yaml', c.param, RULE)).findings[0].fixes, []);
});

test('fixes in Terraform: the VPC\'s range, or a new variable; fmt-clean', async (t) => {
  const inline = await roundTrip('main.tf', c.tfInline, RULE, "Narrow cidr_blocks to the range of VPC 'aws_vpc.main'", /cidr_blocks = \["10\.0\.0\.0\/8", aws_vpc\.main\.cidr_block\]/);
  assertFmtClean(inline, t);
  const rule = await roundTrip('main.tf', c.tfRule, RULE, "Narrow cidr_blocks to the range of VPC 'aws_vpc.main'", /cidr_blocks += \[aws_vpc\.main\.cidr_block\]/);
  assertFmtClean(rule, t);
  const unattached = await roundTrip('main.tf', c.tfUnattached, RULE, "Narrow cidr_blocks to the range of VPC 'aws_vpc.main'", /cidr_blocks += \[aws_vpc\.main\.cidr_block\]/);
  assertFmtClean(unattached, t);
  const v6 = await roundTrip('main.tf', c.tfVpcRule, RULE, "Narrow cidr_ipv6 to a new variable 'cache_allowed_ipv6_cidr' (the clients' range)", /cidr_ipv6 += var\.cache_allowed_ipv6_cidr\n/);
  assert.match(v6, /variable "cache_allowed_ipv6_cidr" \{\n {2}type += string\n/);
  assertFmtClean(v6, t);
  const noVpc = c.tfVpcRuleAll.replace('  vpc_id = aws_vpc.main.id\n', '  vpc_id = "vpc-0123456789abcdef0"\n');
  const v4 = await roundTrip('main.tf', noVpc, RULE, "Narrow cidr_ipv4 to a new variable 'cache_allowed_cidr' (the clients' range)", /cidr_ipv4 += var\.cache_allowed_cidr\n/);
  assertFmtClean(v4, t);
  const json = await roundTrip('main.tf.json', c.tfJson, RULE, "Narrow cidr_blocks to a new variable 'cache_allowed_cidr' (the clients' range)", /"cidr_blocks": \[\s*"\$\{var\.cache_allowed_cidr\}"\s*\]/);
  assert.match(json, /"variable": \{\s*"cache_allowed_cidr"/);
});

test('two public rules: the second fix reuses the input the first declared, in one file and across a module', async (t) => {
  const code = cfn([...tcp(6379), '  CidrIp: 0.0.0.0/0', ...tcp(6380), '  CidrIp: 0.0.0.0/0']).replace('VpcId: !Ref Vpc', 'VpcId: vpc-0123456789abcdef0');
  const before = await findings('t.yaml', code, RULE);
  assert.deepEqual(before.findings.map((f) => f.fixes.map((x) => x.title)), [
    ["Narrow CidrIp to a new parameter 'CacheAllowedCidr' (the clients' range)"], ["Narrow CidrIp to a new parameter 'CacheAllowedCidr' (the clients' range)"],
  ]);
  const once = applyEdits(code, before.findings[0].fixes[0].edits);
  const fixed = await roundTrip('t.yaml', once, RULE, "Narrow CidrIp to parameter 'CacheAllowedCidr' (the clients' range)", /CidrIp: !Ref CacheAllowedCidr\n[\s\S]*CidrIp: !Ref CacheAllowedCidr\n/);
  assert.equal(fixed.match(/CacheAllowedCidr:\n/g)?.length, 1);
  // Terraform: the variable already declared in variables.tf by an earlier fix is referenced, not declared again.
  const files = {
    'main.tf': hcl([...tfIngress(['protocol    = "tcp"', 'from_port   = 6379', 'to_port     = 6379', 'cidr_blocks = [var.cache_allowed_cidr]']),
      ...tfIngress(['protocol    = "tcp"', 'from_port   = 6380', 'to_port     = 6380', 'cidr_blocks = ["0.0.0.0/0"]'])]).replace('  vpc_id = aws_vpc.main.id\n', '  vpc_id = "vpc-0123456789abcdef0"\n'),
    'variables.tf': 'variable "cache_allowed_cidr" {\n  type = string\n}\n',
  };
  const r = await inModule(files, 'main.tf', RULE);
  assert.deepEqual(r.findings.map((f) => f.fixes.map((x) => x.title)), [["Narrow cidr_blocks to variable 'cache_allowed_cidr' (the clients' range)"]]);
  const out = applyEdits(files['main.tf'], r.findings[0].fixes[0].edits);
  assert.doesNotMatch(out, /variable "cache_allowed_cidr"/);
  assert.equal(out.match(/cidr_blocks = \[var\.cache_allowed_cidr\]/g)?.length, 2);
  assertFmtClean(out, t);
});
