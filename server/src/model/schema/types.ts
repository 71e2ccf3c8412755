/**
 * The shape of the resource table (model/schema/*.ts): plain data that the normalisers, the rules' defaults, and
 * later hover and completion all read. Every default and every "replaces the resource" names its source; what the
 * sources do not say is left out (read as unknown), never guessed.
 */
import type { ResourceKind } from '../iac';

export type Side = 'cfn' | 'tf';
export type Engine = 'redis' | 'valkey' | 'memcached';
export type ValueType = 'string' | 'int' | 'bool' | 'list' | 'object' | 'map';

export interface DefaultSpec {
  value: string | number | boolean;
  /** The engines it holds for; absent: every engine of the resource. */
  engines?: readonly Engine[];
  /** The formats it holds for; absent: both (an API default). A provider default can differ from the API's. */
  sides?: readonly Side[];
  /** Where the default is stated: aws-facts.md section, cfn-lint schema, or a Terraform provider doc. */
  source: string;
  /** Derived, not stated for this resource by the source (kept because a rule relied on it; see `source`). */
  inferred?: true;
  /** The value cannot be set at all (serverless TLS): it is the value, not only the default. */
  fixed?: true;
}

export interface PropertySpec {
  /** Spelling in CloudFormation / Terraform; absent where that format has no such property. */
  cfn?: string;
  tf?: string;
  type: ValueType;
  /** The shape in Terraform when it differs (`CidrIp` is one string, `cidr_blocks` a list; `Properties` a map, `parameter` blocks). */
  tfType?: ValueType;
  /** A list's items: 'object' items have `children`. */
  items?: ValueType;
  /** Nested properties of an object, or of each object of a list. Terraform writes them as nested blocks. */
  children?: Readonly<Record<string, PropertySpec>>;
  /** The values AWS accepts (CloudFormation's spelling; Terraform takes the same unless `tfEnum` says otherwise). */
  enum?: readonly string[];
  tfEnum?: readonly string[];
  defaults?: readonly DefaultSpec[];
  /**
   * Changing it replaces the resource. cfn: the schema's createOnlyProperties ('conditional': its
   * conditionalCreateOnlyProperties); a CloudFormation property not marked is updatable. tf: "forces new resource"
   * in the provider docs; not marked means the docs cited do not say (unknown).
   */
  replaces?: { cfn?: true | 'conditional'; tf?: true | 'conditional' };
  /** Write-only or secret in the source schema (passwords, tokens). */
  secret?: true;
  /** The value names other resources (model/resolve.ts): of these kinds, or of these unmodelled types (KMS keys). */
  refers?: Refers;
  description: string;
}

export interface Refers {
  kinds: readonly ResourceKind[];
  /** Resource types cachelint does not model but a reference may rightly point at (`aws_kms_key`, `AWS::KMS::Key`). */
  types?: readonly string[];
}

export interface ResourceSpec {
  kind: ResourceKind;
  cfnType?: string;
  tfType?: string;
  description: string;
  /** The AWS documentation page for the resource (CloudFormation reference when it has one). */
  docUrl: string;
  /** The Terraform provider page. */
  tfDocUrl?: string;
  /** Engines the resource can run; absent: not an engine-bearing resource. */
  engines?: readonly Engine[];
  properties: Readonly<Record<string, PropertySpec>>;
  /** The property that holds the name other resources use for it (`CacheSubnetGroupName: my-group`). */
  nameProperty?: string;
}
