/**
 * Deterministic CloudFormation templates shaped like a real service stack: parameters, mappings, conditions and
 * outputs that grow with the resources; IAM roles, Lambda functions and security groups around a mix of
 * ElastiCache and MemoryDB resources, each variant declaring the findings it must produce.
 */
import {
  And, Condition, Equals, FindInMap, GetAtt, GetAZs, If, ImportValue, Join, Not, Ref, Select, Split, Sub,
  toJson, toYaml, type CfnValue, type Template,
} from './cfn-writer';
import { fitLines, tally, type Expected, type Generated } from './generated';

const TLS = 'transit-encryption-disabled';

interface Service {
  parameters: Record<string, CfnValue>;
  conditions: Record<string, CfnValue>;
  resources: Record<string, CfnValue>;
  outputs: Record<string, CfnValue>;
  comments: [string, string][];
  expected: Expected;
}

const tags = (i: number, role: string): CfnValue => [
  { Key: 'Service', Value: `svc-${i}` },
  { Key: 'Role', Value: role },
  { Key: 'Environment', Value: Ref('Environment') },
  { Key: 'CostCentre', Value: FindInMap('ServiceConfig', `svc${i}`, 'CostCentre') },
];

/** The cache at the heart of service `i`, one of eight variants, with the finding count each must produce. */
function cache(i: number, p: string, subnets: CfnValue, sg: CfnValue[]): { resources: Record<string, CfnValue>; parameters: Record<string, CfnValue>; endpoint: CfnValue; comment: string; findings: number } {
  const group = (extra: Record<string, CfnValue>): Record<string, CfnValue> => ({
    Type: 'AWS::ElastiCache::ReplicationGroup',
    Properties: {
      ReplicationGroupDescription: Sub(`Cache for service ${i} in \${Environment}`),
      Engine: i % 2 ? 'valkey' : 'redis',
      EngineVersion: i % 2 ? '7.2' : '7.1',
      CacheNodeType: Ref(`${p}NodeType`),
      NumCacheClusters: If('IsProd', 3, 1),
      AutomaticFailoverEnabled: If('IsProd', true, false),
      CacheSubnetGroupName: subnets,
      SecurityGroupIds: sg,
      SnapshotRetentionLimit: FindInMap('ServiceConfig', `svc${i}`, 'Retention'),
      PreferredMaintenanceWindow: 'sun:05:00-sun:06:00',
      ...extra,
      Tags: tags(i, 'cache'),
    },
  });
  const rgEndpoint = GetAtt(`${p}Cache`, 'PrimaryEndPoint.Address');
  switch (i % 8) {
    case 0: return { comment: 'TLS on, AUTH token from Secrets Manager', findings: 0, parameters: {}, endpoint: rgEndpoint, resources: {
      [`${p}Cache`]: group({ TransitEncryptionEnabled: true, AtRestEncryptionEnabled: true, AuthToken: `{{resolve:secretsmanager:svc-${i}-cache:SecretString:token}}` }) } };
    case 1: return { comment: 'TLS explicitly off', findings: 1, parameters: {}, endpoint: rgEndpoint, resources: {
      [`${p}Cache`]: group({ TransitEncryptionEnabled: false }) } };
    case 2: return { comment: 'TLS left to its default (off)', findings: 1, parameters: {}, endpoint: rgEndpoint, resources: {
      [`${p}Cache`]: group({ AtRestEncryptionEnabled: true }) } };
    case 3: return { comment: 'TLS from a parameter whose default is false', findings: 1, endpoint: rgEndpoint,
      parameters: { [`${p}Tls`]: { Type: 'String', AllowedValues: ['true', 'false'], Default: 'false', Description: `TLS for service ${i}` } },
      resources: { [`${p}Cache`]: group({ TransitEncryptionEnabled: Ref(`${p}Tls`) }) } };
    case 4: return { comment: 'TLS chosen per environment: an info on the false branch', findings: 1, parameters: {}, endpoint: rgEndpoint, resources: {
      [`${p}Cache`]: group({ TransitEncryptionEnabled: If('IsProd', true, false), UserGroupIds: [Ref(`${p}Users`)] }),
      [`${p}Users`]: { Type: 'AWS::ElastiCache::UserGroup', Properties: { UserGroupId: `svc-${i}-users`, Engine: 'redis', UserIds: ['default', Ref(`${p}AppUser`)] } },
      [`${p}AppUser`]: { Type: 'AWS::ElastiCache::User', Properties: {
        UserId: `svc-${i}-app`, UserName: `svc-${i}-app`, Engine: 'redis', AccessString: 'on ~app:* +@read +@write',
        AuthenticationMode: { Type: 'iam' } } },
    } };
    case 5: return { comment: 'Memcached without TLS', findings: 1, parameters: {}, endpoint: GetAtt(`${p}Cache`, 'ConfigurationEndpoint.Address'), resources: {
      [`${p}Cache`]: { Type: 'AWS::ElastiCache::CacheCluster', Properties: {
        Engine: 'memcached', CacheNodeType: Ref(`${p}NodeType`), NumCacheNodes: 2, AZMode: 'cross-az',
        CacheSubnetGroupName: subnets, VpcSecurityGroupIds: sg, PreferredAvailabilityZones: [Select(0, GetAZs('')), Select(1, GetAZs(''))],
        Tags: tags(i, 'cache') } } } };
    case 6: return { comment: 'MemoryDB with TLS off', findings: 1, parameters: {}, endpoint: GetAtt(`${p}Cache`, 'ClusterEndpoint.Address'), resources: {
      [`${p}Cache`]: { Type: 'AWS::MemoryDB::Cluster', Properties: {
        ClusterName: Sub(`svc-${i}-\${Environment}`), NodeType: 'db.r7g.large', ACLName: 'open-access', TLSEnabled: false,
        NumShards: 2, NumReplicasPerShard: 1, SubnetGroupName: subnets, SecurityGroupIds: sg, Tags: tags(i, 'ledger') } } } };
    default: return { comment: 'Serverless: always TLS', findings: 0, parameters: {}, endpoint: GetAtt(`${p}Cache`, 'Endpoint.Address'), resources: {
      [`${p}Cache`]: { Type: 'AWS::ElastiCache::ServerlessCache', Properties: {
        ServerlessCacheName: Sub(`svc-${i}-\${Environment}`), Engine: 'valkey', MajorEngineVersion: '8',
        CacheUsageLimits: { DataStorage: { Maximum: 10, Unit: 'GB' }, ECPUPerSecond: { Maximum: 5000 } },
        SecurityGroupIds: sg, SubnetIds: Split(',', ImportValue('shared-private-subnets')), Tags: tags(i, 'cache') } } } };
  }
}

const HANDLER = (i: number) => [
  'import json',
  'import os',
  '',
  'def handler(event, context):',
  `    # service ${i}: the cache endpoint comes from the stack`,
  '    host = os.environ["CACHE_HOST"]',
  '    return {"statusCode": 200, "body": json.dumps({"host": host})}',
  '',
].join('\n');

/** The application around the cache: a role and a function for every third service, as in a real stack. */
function app(i: number, p: string, endpoint: CfnValue): Record<string, CfnValue> {
  if (i % 3 !== 2) return {};
  return {
    [`${p}Role`]: { Type: 'AWS::IAM::Role', Properties: {
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }] },
      ManagedPolicyArns: [Sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole')],
      Policies: [{ PolicyName: `svc-${i}-cache-access`, PolicyDocument: { Version: '2012-10-17', Statement: [
        { Effect: 'Allow', Action: ['elasticache:Connect', 'elasticache:DescribeReplicationGroups'], Resource: Sub(`arn:\${AWS::Partition}:elasticache:\${AWS::Region}:\${AWS::AccountId}:replicationgroup:svc-${i}-*`) },
        { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: Sub(`arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:svc-${i}-cache-*`) },
      ] } }],
      Tags: tags(i, 'role'),
    } },
    [`${p}Function`]: { Type: 'AWS::Lambda::Function', Properties: {
      FunctionName: Sub(`svc-${i}-\${Environment}`),
      Runtime: 'python3.12', Handler: 'index.handler', Timeout: 30,
      MemorySize: If('IsProd', 1024, 256),
      Role: GetAtt(`${p}Role`, 'Arn'),
      Code: { ZipFile: HANDLER(i) },
      Environment: { Variables: { CACHE_HOST: endpoint, STAGE: Ref('Environment'), REGION: Ref('AWS::Region') } },
      VpcConfig: { SecurityGroupIds: [Ref(`${p}ClientSg`)], SubnetIds: Split(',', ImportValue('shared-private-subnets')) },
      Tags: tags(i, 'function'),
    } },
  };
}

function service(i: number): Service {
  const p = `Svc${i}`;
  const c = cache(i, p, Ref(`${p}Subnets`), [GetAtt(`${p}CacheSg`, 'GroupId')]);
  const memorydb = i % 8 === 6;
  return {
    parameters: {
      [`${p}NodeType`]: { Type: 'String', Default: memorydb ? 'db.r7g.large' : 'cache.r7g.large', AllowedValues: ['cache.t4g.small', 'cache.r7g.large', 'cache.r7g.xlarge', 'db.r7g.large'], Description: `Node type of service ${i}` },
      ...c.parameters,
    },
    conditions: { [`${p}IsLarge`]: And(Condition('IsProd'), Not(Equals(Ref(`${p}NodeType`), 'cache.t4g.small'))) },
    resources: {
      [`${p}ClientSg`]: { Type: 'AWS::EC2::SecurityGroup', Properties: {
        GroupDescription: `Clients of service ${i}`, VpcId: ImportValue('shared-vpc'),
        Tags: [...(tags(i, 'network') as CfnValue[]), { Key: 'Size', Value: If(`${p}IsLarge`, 'large', 'small') }, { Key: 'Az', Value: FindInMap('RegionMap', Ref('AWS::Region'), 'Az') }] } },
      [`${p}CacheSg`]: { Type: 'AWS::EC2::SecurityGroup', Properties: {
        GroupDescription: `Cache of service ${i}`, VpcId: ImportValue('shared-vpc'),
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, SourceSecurityGroupId: GetAtt(`${p}ClientSg`, 'GroupId'), Description: 'from the service' }],
        Tags: tags(i, 'network') } },
      [`${p}Subnets`]: memorydb
        ? { Type: 'AWS::MemoryDB::SubnetGroup', Properties: { SubnetGroupName: `svc-${i}-subnets`, SubnetIds: Split(',', ImportValue('shared-private-subnets')) } }
        : { Type: 'AWS::ElastiCache::SubnetGroup', Properties: { Description: Sub(`\${AWS::StackName} service ${i}`), SubnetIds: Split(',', ImportValue('shared-private-subnets')) } },
      ...c.resources,
      ...app(i, p, c.endpoint),
    },
    outputs: {
      [`${p}Endpoint`]: { Description: `Endpoint of service ${i}`, Value: c.endpoint, Export: { Name: Sub(`\${AWS::StackName}-svc-${i}-endpoint`) } },
    },
    comments: [[`${p}Cache`, c.comment]],
    expected: c.findings ? { [TLS]: c.findings } : {},
  };
}

function template(services: number, first: number): { template: Template; expected: Expected } {
  const parameters: Record<string, CfnValue> = {
    Environment: { Type: 'String', AllowedValues: ['dev', 'staging', 'prod'], Default: 'dev' },
  };
  const conditions: Record<string, CfnValue> = { IsProd: Equals(Ref('Environment'), 'prod') };
  const serviceConfig: Record<string, CfnValue> = {};
  const resources: Record<string, CfnValue> = {};
  const outputs: Record<string, CfnValue> = {};
  const comments = new Map<string, string>();
  const expected: Expected = {};
  for (let i = first; i < first + services; i++) {
    const s = service(i);
    Object.assign(parameters, s.parameters);
    Object.assign(conditions, s.conditions);
    Object.assign(resources, s.resources);
    Object.assign(outputs, s.outputs);
    for (const [k, v] of s.comments) comments.set(k, v);
    serviceConfig[`svc${i}`] = { Retention: (i % 4) + 1, CostCentre: `cc-${100 + (i % 7)}` };
    tally(expected, s.expected);
  }
  outputs.StackRegion = { Value: Join(':', [Ref('AWS::Region'), Ref('AWS::StackName')]) };
  return {
    expected,
    template: {
      comments,
      sections: [
        ['AWSTemplateFormatVersion', '2010-09-09'],
        ['Description', `Caches and the services around them (${services} services)`],
        ['Parameters', parameters],
        ['Mappings', { RegionMap: { 'us-east-1': { Az: 'us-east-1a' }, 'eu-west-1': { Az: 'eu-west-1a' }, 'ap-southeast-2': { Az: 'ap-southeast-2a' } }, ServiceConfig: serviceConfig }],
        ['Conditions', conditions],
        ['Resources', resources],
        ['Outputs', outputs],
      ],
    },
  };
}

/** `first` shifts the service numbering, so that many templates of one size still differ in content. */
export function cloudFormation(services: number, form: 'yaml' | 'json', first = 0): Generated {
  const { template: t, expected } = template(services, first);
  return { text: form === 'yaml' ? toYaml(t) : toJson(t), expected };
}

/** A stack that holds one cache and imports its network: the smallest templates of a real repository. */
export function cacheStack(i: number, form: 'yaml' | 'json'): Generated {
  const p = `Svc${i}`;
  const c = cache(i, p, ImportValue('shared-cache-subnets'), [ImportValue('shared-cache-sg')]);
  const t: Template = {
    comments: new Map([[`${p}Cache`, c.comment]]),
    sections: [
      ['AWSTemplateFormatVersion', '2010-09-09'],
      ['Description', `The cache of service ${i}`],
      ['Parameters', {
        Environment: { Type: 'String', AllowedValues: ['dev', 'staging', 'prod'], Default: 'dev' },
        [`${p}NodeType`]: { Type: 'String', Default: i % 8 === 6 ? 'db.r7g.large' : 'cache.r7g.large' },
        ...c.parameters,
      }],
      ['Mappings', { ServiceConfig: { [`svc${i}`]: { Retention: 7, CostCentre: 'cc-100' } } }],
      ['Conditions', { IsProd: Equals(Ref('Environment'), 'prod') }],
      ['Resources', c.resources],
      ['Outputs', { Endpoint: { Value: c.endpoint, Export: { Name: Sub(`\${AWS::StackName}-endpoint`) } } }],
    ],
  };
  return { text: form === 'yaml' ? toYaml(t) : toJson(t), expected: c.findings ? { [TLS]: c.findings } : {} };
}

/** A template of at least `lines` lines. */
export function cloudFormationOfLines(lines: number, form: 'yaml' | 'json', first = 0): Generated {
  return fitLines(lines, (n) => cloudFormation(n, form, first));
}
