import { canonicalRecord, signatureProblem, signRecord, type SignedRecord } from '../../src/github/index.js';

const KEY = 'a ledger key nobody else holds';
const DIGEST = `sha256:${'a'.repeat(64)}`;

function record(): SignedRecord {
  return {
    environment: 'production',
    ref: 'c'.repeat(40),
    payload: {
      image: `127.0.0.1:5000/acme/shop:v1@${DIGEST}`,
      digest: DIGEST,
      version: 'v1',
      target: 'docker',
      previous_deployment_id: 41,
      service: 'shop',
    },
  };
}

describe('deployment record signatures', () => {
  it('verifies what it signed', () => {
    const signed = { ...record(), payload: signRecord(KEY, record()) };
    expect(signed.payload.paved_signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(signatureProblem(KEY, signed)).toBeUndefined();
  });

  it('does not depend on the order of the payload fields', () => {
    const signed = signRecord(KEY, record());
    const reversed = Object.fromEntries(Object.entries(signed).reverse()) as typeof signed;
    expect(Object.keys(reversed)[0]).toBe('paved_signature');
    expect(canonicalRecord({ ...record(), payload: reversed })).toBe(canonicalRecord({ ...record(), payload: signed }));
    expect(signatureProblem(KEY, { ...record(), payload: reversed })).toBeUndefined();
  });

  it('leaves the signature out of what it covers', () => {
    const signed = signRecord(KEY, record());
    expect(canonicalRecord({ ...record(), payload: signed })).toBe(canonicalRecord(record()));
    expect(canonicalRecord(record())).not.toContain('paved_signature');
  });

  it.each([
    ['image', { image: `ghcr.io/evil/backdoor@${DIGEST}` }],
    ['digest', { digest: `sha256:${'b'.repeat(64)}` }],
    ['version', { version: 'v2' }],
    ['previous deployment (a number)', { previous_deployment_id: 42 }],
    ['an added field', { migrate_rollback: 'rm -rf /' }],
  ])('fails when one payload field is altered: %s', (_, change) => {
    const signed = signRecord(KEY, record());
    expect(signatureProblem(KEY, { ...record(), payload: { ...signed, ...change } })).toMatch(
      /does not verify with ledger-key/,
    );
  });

  it('fails when a field is removed', () => {
    const { service: _service, ...rest } = signRecord(KEY, record());
    expect(signatureProblem(KEY, { ...record(), payload: rest })).toMatch(/does not verify/);
  });

  it('binds the record to its environment and commit', () => {
    const payload = signRecord(KEY, record());
    expect(signatureProblem(KEY, { ...record(), environment: 'staging', payload })).toMatch(/does not verify/);
    expect(signatureProblem(KEY, { ...record(), ref: 'd'.repeat(40), payload })).toMatch(/does not verify/);
  });

  it('fails with another key, and says why a signature is missing or malformed', () => {
    const payload = signRecord('another key', record());
    expect(signatureProblem(KEY, { ...record(), payload })).toMatch(/signed with another key, or altered since/);
    expect(signatureProblem(KEY, record())).toMatch(/carries no signature/);
    expect(
      signatureProblem(KEY, { ...record(), payload: { ...record().payload, paved_signature: 'md5:abc' } }),
    ).toMatch(/not of the form hmac-sha256:<64 hex>/);
    expect(signatureProblem(KEY, { ...record(), payload: { ...record().payload, paved_signature: 7 } })).toMatch(
      /not a string/,
    );
  });

  it('sorts nested objects too, and keeps arrays in order', () => {
    const a = { ...record(), payload: { ...record().payload, extra: { b: 1, a: [2, 1] } } };
    const b = { ...record(), payload: { ...record().payload, extra: { a: [2, 1], b: 1 } } };
    const c = { ...record(), payload: { ...record().payload, extra: { a: [1, 2], b: 1 } } };
    expect(canonicalRecord(a)).toBe(canonicalRecord(b));
    expect(canonicalRecord(a)).not.toBe(canonicalRecord(c));
  });
});
