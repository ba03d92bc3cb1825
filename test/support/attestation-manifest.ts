import { buildManifest, type BuiltManifest } from './built-manifest';
import { MEDIA_TYPES } from './media-types';
import { sha256Digest } from './sha256-digest';

const PREDICATE_TYPE = 'https://spdx.dev/Document';

/**
 * The shape of a BuildKit attestation manifest for `subjectDigest`: an OCI manifest whose config says
 * unknown/unknown and whose one layer is an in-toto statement. An index lists it with platform
 * unknown/unknown and `vnd.docker.reference.*` annotations; consumers must skip it, not rebuild for it.
 * https://docs.docker.com/build/metadata/attestations/attestation-storage/
 */
export function buildAttestation(subjectDigest: string): BuiltManifest {
  const statement = {
    _type: 'https://in-toto.io/Statement/v0.1',
    predicateType: PREDICATE_TYPE,
    subject: [{ name: 'cascade-test', digest: { sha256: subjectDigest.replace(/^sha256:/, '') } }],
    predicate: { spdxVersion: 'SPDX-2.3', name: 'cascade-test', packages: [] },
  };
  const layer = Buffer.from(JSON.stringify(statement));
  return buildManifest({
    format: 'oci',
    config: { architecture: 'unknown', os: 'unknown', config: {}, rootfs: { type: 'layers', diff_ids: [sha256Digest(layer)] } },
    layers: [{ bytes: layer, mediaType: MEDIA_TYPES.inToto, annotations: { 'in-toto.io/predicate-type': PREDICATE_TYPE } }],
  });
}
