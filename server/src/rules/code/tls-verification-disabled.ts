/**
 * TLS without verification encrypts the connection but does not check who is at the other end: anyone who can
 * redirect the traffic (a spoofed DNS answer, a compromised host on the path) presents any certificate, reads the
 * AUTH password and every value, and writes back what they like. ElastiCache lists server authentication ("clients
 * can authenticate that they are connecting to the right server") among what in-transit encryption gives, and the
 * override gives exactly that up; it is usually left over from a local self-signed setup or a connection by IP.
 *
 * Silent where TLS is provably off (the override does nothing yet) and in test files.
 */
import type { CodeRule, RuleFinding } from '../rule';
import type { CodeFixIntent } from '../../fixes/intents';
import type { ClientConstruction, ConnectionSetting } from '../../model/code';
import { tlsState, oncePerPlace } from './connection';

const WHAT = {
  verifyCertificate: { name: 'certificate verification', risk: 'accepts any certificate, self-signed or forged' },
  verifyHostname: { name: 'hostname verification', risk: 'accepts a valid certificate issued for any other name' },
} as const;

export const tlsVerificationDisabled: CodeRule = {
  target: 'code',
  meta: { id: 'tls-verification-disabled', title: 'TLS with certificate or hostname verification turned off', defaultSeverity: 'warning' },
  check(model) {
    if (model.isTest) return [];
    const out: RuleFinding<CodeFixIntent>[] = [];
    for (const c of model.clients) {
      if (tlsState(c) === 'off') continue;
      for (const key of ['verifyCertificate', 'verifyHostname'] as const) {
        const s = c.options[key] as ConnectionSetting<boolean> | undefined;
        if (!s || s.provenance.kind !== 'literal' || s.value !== false) continue;
        out.push(report(c, s, WHAT[key]));
      }
    }
    return oncePerPlace(out);
  },
};

function report(c: ClientConstruction, s: ConnectionSetting<boolean>, what: { name: string; risk: string }): RuleFinding<CodeFixIntent> {
  return {
    range: s.entryRange ?? s.range,
    message: `This client turns TLS ${what.name} off: the client ${what.risk}, so whoever can intercept the connection reads the AUTH password and every value. Connect by the endpoint's DNS name and remove the override (for a private CA, pass its certificate instead).`,
    ...(s.entryRange ? { fixes: [{ title: `Remove the override (verify the server's ${what.name === 'certificate verification' ? 'certificate' : 'hostname'})`, isPreferred: true, intent: { kind: 'removeOption' as const, construction: c, setting: s } }] } : {}),
  };
}
