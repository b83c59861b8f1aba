/** `wireup <command> --help`: each command's options and the environment variables that matter for it. */

const server = 'WIREUP_DATA_DIR, KAFKA_BROKERS, MONGODB_URL, WIREUP_SECRET_KEY';

/** Help text per command (`start`, `connectors validate`, ...), keyed as typed. */
export const commandHelp: Record<string, string> = {
  start: `Usage: wireup start [--role all|ingest|worker]

Runs Wireup (embedded Kafka and database unless KAFKA_BROKERS / MONGODB_URL are set).

Options:
  --role all|ingest|worker   which part to run; same as WIREUP_ROLE, checked the same way (default all)

Environment:
  WIREUP_ROLE, PORT, HOST, WIREUP_PUBLIC_URL, WIREUP_API_TOKEN, ${server},
  WIREUP_LOG_LEVEL, WIREUP_METRICS_PUBLIC (see README "Configuration")
`,
  'connectors list': `Usage: wireup connectors list

Lists the installed connectors, their triggers and actions. No options, no variables.
`,
  'connectors validate': `Usage: wireup connectors validate [dir...]

Validates connector manifests: each <dir>/manifest.json, or the installed connectors when no folder is given.
Exits 1 when a manifest is invalid or a folder does not exist. No variables.
`,
  'connectors search': `Usage: wireup connectors search [words] [--category c]

Searches the registry's connectors through the running Wireup.

Environment:
  WIREUP_URL (the running Wireup, default http://127.0.0.1:8080), WIREUP_API_TOKEN
  (else WIREUP_DATA_DIR's api-token file)
`,
  'connectors install': `Usage: wireup connectors install <name>[@version|range]

Installs a connector into the running Wireup, no restart.

Environment:
  WIREUP_URL (the running Wireup, default http://127.0.0.1:8080), WIREUP_API_TOKEN
  (else WIREUP_DATA_DIR's api-token file)
`,
  'connectors upgrade': `Usage: wireup connectors upgrade <connector> [version]

Installs a newer version beside the pinned ones and prints what it would break.

Environment:
  WIREUP_URL (the running Wireup, default http://127.0.0.1:8080), WIREUP_API_TOKEN
  (else WIREUP_DATA_DIR's api-token file)
`,
  'connectors uninstall': `Usage: wireup connectors uninstall <connector>[@version]

Uninstalls a connector; refused while a published workflow pins it.

Environment:
  WIREUP_URL (the running Wireup, default http://127.0.0.1:8080), WIREUP_API_TOKEN
  (else WIREUP_DATA_DIR's api-token file)
`,
  'pages build': `Usage: wireup pages build [--out dir] [--base-url url] [--usage file.json] [--full]

Builds the static pair-pages site.

Options:
  --out dir         where to write it (default: WIREUP_PAGES_DIR, where the server serves it)
  --base-url url    the origin for links and the sitemap (default: WIREUP_PUBLIC_URL)
  --usage file.json {trigger, action, count} entries to rank pairings
  --full            render every page, not only the changed ones

Environment:
  WIREUP_PAGES_DIR, WIREUP_DATA_DIR, WIREUP_PUBLIC_URL (the pages' links)
`,
  'connector new': `Usage: wireup connector new <name> [--display-name "Acme CRM"] [--root <workspace>]

Scaffolds a new connector package under connectors/.

Options:
  --display-name "..."   the name users see (default: from <name>)
  --root <workspace>     the workspace root (default: the nearest folder above with a workspaces package.json)

No variables.
`,
  'connector build': `Usage: wireup connector build <dir>

Validates, bundles (esbuild) and packs a connector into <dir>/dist. No variables.
`,
  'connector publish': `Usage: wireup connector publish <dir> [--registry URL]

Builds the connector and publishes it.

Options:
  --registry URL   the npm registry (default WIREUP_REGISTRY_URL, else http://127.0.0.1:4873)

Environment:
  WIREUP_REGISTRY_URL, WIREUP_REGISTRY_TOKEN
`,
  'secrets rotate': `Usage: wireup secrets rotate

Re-seals every connection's secrets under WIREUP_SECRET_KEY.

Environment:
  WIREUP_SECRET_KEY (the new key), WIREUP_SECRET_KEY_FALLBACKS (the old ones, comma-separated),
  ${server}
`,
};

/** The help for `argv` when it asks for it (`--help`/`-h` after a command), else undefined. */
export function helpFor(argv: string[]): string | undefined {
  if (!argv.includes('--help') && !argv.includes('-h')) return undefined;
  const words = argv.filter((a) => !a.startsWith('-'));
  return commandHelp[words.slice(0, 2).join(' ')] ?? commandHelp[words[0] ?? ''];
}
