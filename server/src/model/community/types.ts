/**
 * What a known community Terraform module builds from its inputs, as data the normalisers turn into model
 * resources (model/community/index.ts). Each module's file cites the module's own variables.tf / main.tf for every
 * default and mapping: a module's defaults differ from the provider's (terraform-aws-modules/elasticache turns both
 * encryptions on; cloudposse/elasticache-redis turns at-rest encryption off), and rules must read the module's.
 */
import type { IacValue } from '../iac';

export type Scalar = string | number | boolean | null;

/** The module's default for an input the call leaves out, where it is not the provider's (the input is not `null`). */
export interface ModuleDefault {
  value: Scalar;
  /** The module file that sets it, for the reader of the table. */
  url?: string;
  /** Overrides the message clause ("the module turns it on when multi_az_enabled is true"). */
  why?: string;
  /** Set on the resource when the module forces the value: the call cannot change it, so no fix sets it. */
  forced?: true;
}

/** What the module does with a provider argument, decided from the call's inputs. */
export interface ModuleBuild {
  /** The provider resource type the module declares (`aws_elasticache_replication_group`). */
  type: string;
  /** Input name → the canonical property of that resource it feeds, unchanged. */
  inputs: Readonly<Record<string, string>>;
  /** Canonical property → the module's default when its input is not written. */
  defaults?: Readonly<Record<string, ModuleDefault>>;
  /**
   * Canonical property → a value the module forces whatever its input says (automatic failover when cluster mode
   * is on): the input, if written, is not what takes effect.
   */
  forced?: Readonly<Record<string, ModuleDefault>>;
  /**
   * Canonical property → what the module computes for it (its own subnet group, a security group it creates): set,
   * but not to anything the call's text shows, so rules read it as unknown. `{ resource }`: the resource of that
   * provider type the same call builds (its parameter group), so the reference resolves to it.
   */
  computed?: Readonly<Record<string, string | { resource: string }>>;
  /** Every `count`-like condition on the module's resource that the call does not decide, as written. */
  condition?: string;
}

/** The inputs a module call writes, by input name, with the helpers a module's table needs to read them. */
export interface ModuleCall {
  has(input: string): boolean;
  value(input: string): IacValue | undefined;
  /** The literal the input has (inline, or through a variable's tfvars value or default); undefined if unknown or absent. */
  literal(input: string): Scalar | undefined;
  /**
   * A boolean input as the module sees it: its literal when written and known, the module's default when not
   * written, 'unknown' when written but not known.
   */
  flag(input: string, moduleDefault: boolean): boolean | 'unknown';
}

export interface CommunityModule {
  /** Registry address (`terraform-aws-modules/elasticache/aws`). */
  registry: string;
  /** GitHub repository the table was read from, for `git::` / `github.com/` sources. */
  repository: string;
  /** Which version (and commit) of the module the table follows. */
  version: string;
  /** What a call builds: nothing when `create`/`enabled` is false. */
  build(call: ModuleCall): ModuleBuild[];
}
