/** Ends a language server child the way an editor does: shutdown, exit, and a kill if it has not gone in 2 s. */
import type { ChildProcess } from 'node:child_process';
import type { MessageConnection } from 'vscode-jsonrpc/node';

export async function stopServer(connection: MessageConnection, proc: ChildProcess): Promise<void> {
  try {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } catch { /* already gone */ }
  await new Promise<void>((resolve) => {
    if (proc.exitCode !== null) return resolve();
    const t = setTimeout(() => { proc.kill(); resolve(); }, 2000);
    proc.once('exit', () => { clearTimeout(t); resolve(); });
  });
  connection.dispose();
}
