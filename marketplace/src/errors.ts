/**
 * @wireup/marketplace's error registry. Every refusal says why and what to do; the server's
 * one error handler maps `statusCode` to HTTP. docs/errors.md lists the codes.
 */
import { formatProblems, defineErrorRegistry, WireupError, type ValidationProblem } from '@wireup/sdk';

/** The registry has no such package (or it is not a Wireup connector). */
export class PackageNotFoundError extends WireupError {
  constructor(name: string, registry: string) {
    super(
      'PACKAGE_NOT_FOUND',
      `No connector package "${name}" on the registry ${registry}. Check the name (GET /v1/marketplace lists what is there).`,
      { statusCode: 404, details: { name, registry } },
    );
  }
}

/** A name npm does not allow for a package (so no registry holds it), or one the registry refuses. */
export class PackageNameInvalidError extends WireupError {
  constructor(name: string, reasons: string[]) {
    super('PACKAGE_NAME_INVALID', `"${name}" is not a valid package name: ${reasons.join('; ')}.`, {
      statusCode: 400,
      details: { name, reasons },
    });
  }
}

/** No published version matches the requested version or range. */
export class VersionNotFoundError extends WireupError {
  constructor(name: string, wanted: string, available: string[]) {
    super(
      'VERSION_NOT_FOUND',
      `"${name}" has no version matching "${wanted}"; published: ${available.join(', ') || 'none'}.`,
      { statusCode: 404, details: { name, wanted, available } },
    );
  }
}

/** The registry could not be reached or answered an error. Retriable. */
export class RegistryUnavailableError extends WireupError {
  constructor(registry: string, reason: string) {
    super(
      'REGISTRY_UNAVAILABLE',
      `The connector registry ${registry} did not answer: ${reason}. Check WIREUP_REGISTRY_URL, or try again.`,
      { statusCode: 503, retriable: true, details: { registry } },
    );
  }
}

/** The downloaded tarball does not have the integrity the registry published. */
export class IntegrityMismatchError extends WireupError {
  constructor(spec: string, expected: string, reason: string) {
    super(
      'INTEGRITY_MISMATCH',
      `The tarball of ${spec} does not match its published integrity (${expected.slice(0, 24)}…): ${reason}. It was not installed; the package or the registry may have been tampered with.`,
      { statusCode: 422, details: { spec, expected } },
    );
  }
}

/** The archive holds an entry that would land outside the package folder, or a link. */
export class UnsafeArchiveError extends WireupError {
  constructor(spec: string, entry: string, reason: string) {
    super(
      'UNSAFE_ARCHIVE',
      `The tarball of ${spec} has an unsafe entry "${entry}": ${reason}. Nothing was installed.`,
      { statusCode: 422, details: { spec, entry } },
    );
  }
}

/** The package is not a Wireup connector package (keyword, `wireup` field, manifest file). */
export class NotAConnectorError extends WireupError {
  constructor(spec: string, reason: string) {
    super('NOT_A_CONNECTOR', `${spec} is not a Wireup connector package: ${reason}.`, {
      statusCode: 422,
      details: { spec },
    });
  }
}

/** The package's manifest does not validate against core/sdk's schema. */
export class PackageManifestInvalidError extends WireupError {
  constructor(spec: string, problems: ValidationProblem[]) {
    super(
      'MANIFEST_INVALID',
      `The manifest of ${spec} is invalid, so it was not installed: ${formatProblems(problems)}`,
      { statusCode: 422, details: problems },
    );
  }
}

/** The connector needs an SDK range the running Wireup does not satisfy. */
export class SdkIncompatibleError extends WireupError {
  constructor(spec: string, range: string, running: string) {
    super(
      'SDK_INCOMPATIBLE',
      `${spec} needs @wireup/sdk ${range}, but this Wireup runs @wireup/sdk ${running}. Install a version of the connector built for ${running}, or upgrade Wireup.`,
      { statusCode: 422, details: { spec, needs: range, running } },
    );
  }
}

/** The version is already published; versions are immutable. */
export class VersionExistsError extends WireupError {
  constructor(name: string, version: string) {
    super(
      'VERSION_EXISTS',
      `${name}@${version} is already published and published versions never change. Bump "version" in package.json and the connector, then publish again.`,
      { statusCode: 409, details: { name, version } },
    );
  }
}

/** The connector (or version) is not installed. */
export class NotInstalledError extends WireupError {
  constructor(name: string, version?: string) {
    super(
      'CONNECTOR_NOT_INSTALLED',
      `Connector "${name}"${version ? ` version ${version}` : ''} is not installed (GET /v1/connectors lists what is).`,
      { statusCode: 404, details: { name, version } },
    );
  }
}

/** First-party connectors ship with Wireup; the marketplace does not replace or remove them. */
export class BuiltInConnectorError extends WireupError {
  constructor(name: string) {
    super(
      'CONNECTOR_BUILT_IN',
      `"${name}" is built into Wireup (first-party); it cannot be installed over, upgraded or removed from the marketplace.`,
      { statusCode: 409, details: { name } },
    );
  }
}

/** Published workflow versions pin this connector version: removing it would break them. */
export class ConnectorInUseError extends WireupError {
  constructor(
    name: string,
    uses: Array<{ workflowId: string; workflowName: string; workflowVersion: number; connectorVersion: string }>,
  ) {
    const list = uses
      .map((u) => `"${u.workflowName}" (${u.workflowId} v${u.workflowVersion}) pins ${name}@${u.connectorVersion}`)
      .join('; ');
    super(
      'CONNECTOR_IN_USE',
      `${name} is in use and was not removed: ${list}. Unpublish those workflows or move them to another version first.`,
      { statusCode: 409, details: { name, uses } },
    );
  }
}

/** The connector's code failed in its isolated process: crashed, timed out, ran out of memory, or threw while loading. Retriable: the process is restarted. */
export class ConnectorProcessError extends WireupError {
  constructor(spec: string, reason: string) {
    super(
      'CONNECTOR_PROCESS_FAILED',
      `Connector ${spec} failed in its isolated process: ${reason}. The process is restarted for the next call.`,
      { statusCode: 502, retriable: true, details: { spec } },
    );
  }
}

/** `wireup connector build|publish` refused the folder. */
export class ConnectorBuildError extends WireupError {
  constructor(dir: string, reason: string) {
    super('CONNECTOR_BUILD_FAILED', `Cannot build the connector in ${dir}: ${reason}`, {
      statusCode: 400,
      details: { dir },
    });
  }
}

/** The manifest is valid but not finished: public text still holds a placeholder (the scaffold's `TODO(<name>)` description). */
export class ConnectorUnfinishedError extends WireupError {
  constructor(dir: string, problems: ValidationProblem[]) {
    super('CONNECTOR_UNFINISHED', `The connector in ${dir} is not ready to publish: ${formatProblems(problems)}`, {
      statusCode: 422,
      details: problems,
    });
  }
}

/** The codes the marketplace raises (docs/errors.md is generated from the registries). */
export const marketplaceErrors = defineErrorRegistry('marketplace', {
  PACKAGE_NOT_FOUND: { status: 404, meaning: 'the registry has no such connector package' },
  PACKAGE_NAME_INVALID: {
    status: 400,
    meaning:
      "a name npm's rules refuse (`node_modules`, `favicon.ico`, a leading dot …) or the registry answers 400 for",
  },
  VERSION_NOT_FOUND: {
    status: 404,
    meaning: 'no published version matches the requested version or range (the message lists the published ones)',
  },
  REGISTRY_UNAVAILABLE: {
    status: 503,
    meaning: 'the connector registry did not answer (`WIREUP_REGISTRY_URL`); retriable',
  },
  INTEGRITY_MISMATCH: {
    status: 422,
    meaning:
      'the tarball does not hash to its published sha512 `dist.integrity` (tampered tarball or packument), or none was published; nothing installed',
  },
  UNSAFE_ARCHIVE: {
    status: 422,
    meaning:
      'an archive entry is absolute, climbs out with `..`, is a link or device, is outside `package/`, or the package unpacks past 64 MiB; nothing installed',
  },
  NOT_A_CONNECTOR: {
    status: 422,
    meaning: 'no `wireup-connector` keyword, no `"wireup": {"manifest", "sdk"}`, a missing manifest or main bundle',
  },
  MANIFEST_INVALID: {
    status: 422,
    meaning: "the package's manifest does not validate against core/sdk's schema; `details` names each field",
  },
  CONNECTOR_UNFINISHED: {
    status: 422,
    meaning:
      "`wireup connector publish`: the manifest's names or descriptions still hold a placeholder (the scaffold's `TODO(<name>)` description); `details` names each field; nothing was published",
  },
  SDK_INCOMPATIBLE: {
    status: 422,
    meaning: "the package's `sdk` range excludes the running @wireup/sdk; the message names both versions",
  },
  VERSION_EXISTS: { status: 409, meaning: '`wireup connector publish` of a version the registry already has' },
  CONNECTOR_NOT_INSTALLED: {
    status: 404,
    meaning: 'upgrade, report or uninstall of a connector or version that is not installed',
  },
  CONNECTOR_BUILT_IN: {
    status: 409,
    meaning: 'install, upgrade or uninstall of a first-party connector (Stripe, Kustomer)',
  },
  CONNECTOR_IN_USE: {
    status: 409,
    meaning: 'uninstall refused: published workflow versions pin it (the message and `details.uses` name them)',
  },
  CONNECTOR_PROCESS_FAILED: {
    status: 502,
    meaning:
      'an isolated connector crashed, ran past `WIREUP_CONNECTOR_TIMEOUT_MS`, ran out of memory (`WIREUP_CONNECTOR_MEMORY_MB`); retriable, the process is restarted',
  },
  CONNECTOR_LOAD_FAILED: {
    status: 502,
    meaning:
      "an isolated connector's bundle threw while loading; retriable (a fixed version can be installed meanwhile)",
  },
  CONNECTOR_BUILD_FAILED: {
    status: 400,
    meaning: '`wireup connector build|publish` refused the folder (invalid manifest, version mismatch, esbuild error)',
  },
});
