import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DeploymentPayload } from './ledger.js';

/** The payload field that carries a record's signature; it is never part of what is signed. */
export const SIGNATURE_FIELD = 'paved_signature';

/** Names the scheme, so a later one can be told apart instead of failing as a forgery. */
const SCHEME = 'hmac-sha256';
const DOMAIN = 'paved-deployment-record/1';

/** What a signature covers: where the record says it was deployed, from which commit, and its payload. */
export interface SignedRecord {
  environment: string;
  /** The ref the deployment was created with: the full commit SHA Paved deploys. */
  ref: string;
  payload: DeploymentPayload;
}

/**
 * The bytes a signature covers. Every payload field is signed, not only those Paved reads today:
 * an unsigned field would be a place to plant what a later reader might trust. Keys are sorted
 * at every level, so the order GitHub (or a JSON library) returns them in does not matter.
 */
export function canonicalRecord(record: SignedRecord): string {
  const payload = Object.fromEntries(Object.entries(record.payload).filter(([key]) => key !== SIGNATURE_FIELD));
  return `${DOMAIN}\n${JSON.stringify([record.environment, record.ref, canonicalValue(payload)])}`;
}

function canonicalValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonicalValue((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

function mac(key: string, record: SignedRecord): Buffer {
  return createHmac('sha256', key).update(canonicalRecord(record), 'utf8').digest();
}

/** The payload to record, carrying an HMAC-SHA256 of the record under `key`. */
export function signRecord(key: string, record: SignedRecord): DeploymentPayload {
  return { ...record.payload, [SIGNATURE_FIELD]: `${SCHEME}:${mac(key, record).toString('hex')}` };
}

/** Why a record's signature does not hold under `key`, or undefined when it verifies. */
export function signatureProblem(key: string, record: SignedRecord): string | undefined {
  const signature = record.payload[SIGNATURE_FIELD];
  if (signature === undefined) return 'it carries no signature (recorded without ledger-key, or forged)';
  if (typeof signature !== 'string') return 'its signature is not a string';
  const match = /^hmac-sha256:([0-9a-f]{64})$/.exec(signature);
  if (!match) return `its signature is not of the form ${SCHEME}:<64 hex>`;
  const expected = mac(key, record);
  if (!timingSafeEqual(Buffer.from(match[1]!, 'hex'), expected)) {
    return 'its signature does not verify with ledger-key (signed with another key, or altered since)';
  }
  return undefined;
}
