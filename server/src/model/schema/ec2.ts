/**
 * Security groups and their ingress rules, in the shapes people write: CloudFormation's inline SecurityGroupIngress
 * and AWS::EC2::SecurityGroupIngress; Terraform's inline ingress blocks, aws_security_group_rule and
 * aws_vpc_security_group_ingress_rule. One canonical name per meaning; where Terraform holds a list and
 * CloudFormation one value (`CidrIp` / `cidr_blocks`), `tfType` says so. Terraform names: the provider docs
 * security_group, security_group_rule and vpc_security_group_ingress_rule.
 */
import type { PropertySpec, ResourceSpec } from './types';
import { cfnDoc, tfDoc } from './sources';

const rule = {
  ipProtocol: { cfn: 'IpProtocol', tf: 'protocol', type: 'string', description: 'tcp, udp, icmp, icmpv6, a protocol number, or -1 for all.' },
  fromPort: { cfn: 'FromPort', tf: 'from_port', type: 'int', description: 'First port of the range (-1: all).' },
  toPort: { cfn: 'ToPort', tf: 'to_port', type: 'int', description: 'Last port of the range (-1: all).' },
  cidrIpv4: { cfn: 'CidrIp', tf: 'cidr_blocks', type: 'string', tfType: 'list', items: 'string', description: 'IPv4 source range(s); 0.0.0.0/0 is the whole internet.' },
  cidrIpv6: { cfn: 'CidrIpv6', tf: 'ipv6_cidr_blocks', type: 'string', tfType: 'list', items: 'string', description: 'IPv6 source range(s); ::/0 is the whole internet.' },
  description: { cfn: 'Description', tf: 'description', type: 'string', description: 'The rule\'s description.' },
} as const satisfies Record<string, PropertySpec>;

export const securityGroup: ResourceSpec = {
  kind: 'securityGroup', cfnType: 'AWS::EC2::SecurityGroup', tfType: 'aws_security_group',
  description: 'A VPC security group, with its inline ingress and egress rules.',
  docUrl: cfnDoc('ec2-securitygroup'), tfDocUrl: tfDoc('security_group'),
  properties: {
    groupDescription: { cfn: 'GroupDescription', tf: 'description', type: 'string', replaces: { cfn: true }, description: 'The group\'s description.' },
    groupName: { cfn: 'GroupName', tf: 'name', type: 'string', replaces: { cfn: true }, description: 'The group\'s name.' },
    vpcId: { cfn: 'VpcId', tf: 'vpc_id', type: 'string', replaces: { cfn: true }, description: 'The VPC.' },
    ingress: {
      cfn: 'SecurityGroupIngress', tf: 'ingress', type: 'list', items: 'object', description: 'Inline inbound rules.',
      children: {
        ...rule,
        sourcePrefixListId: { cfn: 'SourcePrefixListId', tf: 'prefix_list_ids', type: 'string', tfType: 'list', items: 'string', description: 'Source prefix list(s).' },
        sourceSecurityGroupId: { cfn: 'SourceSecurityGroupId', tf: 'security_groups', type: 'string', tfType: 'list', items: 'string', description: 'Source security group(s).' },
        sourceSecurityGroupName: { cfn: 'SourceSecurityGroupName', type: 'string', description: 'Source security group by name.' },
        sourceSecurityGroupOwnerId: { cfn: 'SourceSecurityGroupOwnerId', type: 'string', description: 'The source group\'s account.' },
        self: { tf: 'self', type: 'bool', description: 'The group itself is a source.' },
      },
    },
    egress: {
      cfn: 'SecurityGroupEgress', tf: 'egress', type: 'list', items: 'object', description: 'Inline outbound rules.',
      children: {
        ...rule,
        destinationPrefixListId: { cfn: 'DestinationPrefixListId', tf: 'prefix_list_ids', type: 'string', tfType: 'list', items: 'string', description: 'Destination prefix list(s).' },
        destinationSecurityGroupId: { cfn: 'DestinationSecurityGroupId', tf: 'security_groups', type: 'string', tfType: 'list', items: 'string', description: 'Destination security group(s).' },
        self: { tf: 'self', type: 'bool', description: 'The group itself is a destination.' },
      },
    },
  },
};

export const securityGroupIngress: ResourceSpec = {
  kind: 'securityGroupIngress', cfnType: 'AWS::EC2::SecurityGroupIngress', tfType: 'aws_vpc_security_group_ingress_rule',
  description: 'One inbound rule of a security group, as its own resource.',
  docUrl: cfnDoc('ec2-securitygroupingress'), tfDocUrl: tfDoc('vpc_security_group_ingress_rule'),
  properties: {
    groupId: { refers: { kinds: ['securityGroup'] }, cfn: 'GroupId', tf: 'security_group_id', type: 'string', replaces: { cfn: true }, description: 'The group the rule belongs to.' },
    groupName: { cfn: 'GroupName', type: 'string', replaces: { cfn: true }, description: 'The group, by name (default VPC).' },
    ipProtocol: { ...rule.ipProtocol, tf: 'ip_protocol', replaces: { cfn: true } },
    fromPort: { ...rule.fromPort, replaces: { cfn: true } },
    toPort: { ...rule.toPort, replaces: { cfn: true } },
    cidrIpv4: { cfn: 'CidrIp', tf: 'cidr_ipv4', type: 'string', replaces: { cfn: true }, description: 'IPv4 source range; 0.0.0.0/0 is the whole internet.' },
    cidrIpv6: { cfn: 'CidrIpv6', tf: 'cidr_ipv6', type: 'string', replaces: { cfn: true }, description: 'IPv6 source range; ::/0 is the whole internet.' },
    sourcePrefixListId: { cfn: 'SourcePrefixListId', tf: 'prefix_list_id', type: 'string', replaces: { cfn: true }, description: 'Source prefix list.' },
    sourceSecurityGroupId: { refers: { kinds: ['securityGroup'] }, cfn: 'SourceSecurityGroupId', tf: 'referenced_security_group_id', type: 'string', replaces: { cfn: true }, description: 'Source security group.' },
    sourceSecurityGroupName: { cfn: 'SourceSecurityGroupName', type: 'string', replaces: { cfn: true }, description: 'Source security group by name.' },
    sourceSecurityGroupOwnerId: { cfn: 'SourceSecurityGroupOwnerId', type: 'string', replaces: { cfn: true }, description: 'The source group\'s account.' },
    description: rule.description,
  },
};

/** Terraform's older rule resource: ingress or egress by `type`, sources as lists. CloudFormation has no twin. */
export const securityGroupRule: ResourceSpec = {
  kind: 'securityGroupRule', tfType: 'aws_security_group_rule',
  description: 'One ingress or egress rule of a security group (Terraform aws_security_group_rule).',
  docUrl: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html', tfDocUrl: tfDoc('security_group_rule'),
  properties: {
    type: { tf: 'type', type: 'string', enum: ['egress', 'ingress'], description: 'ingress (inbound) or egress (outbound).' },
    groupId: { refers: { kinds: ['securityGroup'] }, tf: 'security_group_id', type: 'string', description: 'The group the rule belongs to.' },
    ...rule,
    sourcePrefixListId: { tf: 'prefix_list_ids', type: 'list', items: 'string', description: 'Prefix lists.' },
    sourceSecurityGroupId: { refers: { kinds: ['securityGroup'] }, tf: 'source_security_group_id', type: 'string', description: 'The source (ingress) or destination (egress) group.' },
    self: { tf: 'self', type: 'bool', description: 'The group itself is the source.' },
  },
};
