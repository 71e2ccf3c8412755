/** What a client library adapter answers: a method call as a protocol command and its arguments in protocol order. */
import type { CallArg } from '../../../../model/code';
import type { SourceCall } from './signature';

export type { SourceCall } from './signature';

export interface MethodCommand {
  /** Upper case, as the command table names it (`SET`, `CONFIG`). */
  command: string;
  /** For a container, when the method names it (`config_get`, `configGet`). */
  subcommand?: string;
}

export interface Adapted extends MethodCommand {
  args: CallArg[];
  /** The command was named in the arguments (`execute_command`, `call`, `sendCommand`). */
  raw: boolean;
  /** The method sends the command once per hash slot of its keys (redis-py's `mget_nonatomic`). */
  splitBySlot?: true;
}

export interface LibraryAdapter {
  /** The command a method sends; undefined when the method is not a command (`pipeline`, `lock`, `on`). */
  command(method: string): MethodCommand | undefined;
  /** The call in protocol order; undefined when it sends no command we can name. */
  adapt(method: string, call: SourceCall): Adapted | undefined;
}
