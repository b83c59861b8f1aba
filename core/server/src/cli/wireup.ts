#!/usr/bin/env -S npx tsx
/**
 * The `wireup` command: start, connectors list|validate, pages build, connector new, secrets rotate.
 */
import { loadConfig } from '../config.ts';
import { helpFor } from './command-help.ts';

const usage = `Usage: wireup <command> [options]   (wireup <command> --help: its options and variables)

  start [--role all|ingest|worker]   run Wireup (embedded default unless KAFKA_BROKERS / MONGODB_URL are set)
  connectors list                    the installed connectors, their triggers and actions
  connectors validate [dir...]       validate connector manifests (default: the installed ones)
  pages build [--out dir] [--full]   build the static pair-pages site (default: where the server serves it)
  connector new <name>               scaffold a new connector package under connectors/
  secrets rotate                     re-seal every connection's secrets under WIREUP_SECRET_KEY
                                     (old key in WIREUP_SECRET_KEY_FALLBACKS; see README)
  connector build <dir>              validate, bundle (esbuild) and pack a connector into <dir>/dist
  connector publish <dir> [--registry URL]   build and publish it (default WIREUP_REGISTRY_URL or 127.0.0.1:4873)
  connectors search [words] [--category c]   the registry's connectors (through the running Wireup)
  connectors install <name>[@version|range]  install into the running Wireup, no restart
  connectors upgrade <connector> [version]   install a newer version beside the pinned ones; prints what it would break
  connectors uninstall <connector>[@version] refused while a published workflow pins it
`;

/** Options that stand for a variable: given, they are read as that variable (so checked by loadConfig). */
const optionVariables: Record<string, string> = { '--role': 'WIREUP_ROLE' };

/** The environment with the options of `args` applied; an option without a value throws. */
function envWithOptions(args: string[]): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i].split(/=(.*)/s, 2);
    const variable = optionVariables[name];
    if (!variable) continue;
    const value = inline ?? args[i + 1];
    if (value === undefined || value.startsWith('-'))
      throw new Error(`${name} needs a value (see wireup ${args[0]} --help).`);
    env[variable] = value;
  }
  return env;
}

/** A configuration message about a variable an option set, reworded to name the option. */
function asOption(message: string, args: string[]): string {
  for (const [option, variable] of Object.entries(optionVariables)) {
    if (args.some((a) => a === option || a.startsWith(`${option}=`)))
      message = message.replace(`${variable}=`, `${option} `);
  }
  return message;
}

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(helpFor(argv) ?? usage);
    return 0;
  }
  switch (command) {
    case 'start': {
      const { startCommand } = await import('./start-command.ts');
      let config;
      try {
        config = loadConfig(envWithOptions(argv));
      } catch (error) {
        process.stderr.write(`wireup: could not start: ${asOption((error as Error).message, argv)}\n`);
        return 1;
      }
      return startCommand(config);
    }
    case 'connectors': {
      if (sub && ['search', 'install', 'upgrade', 'uninstall'].includes(sub)) {
        const { connectorsMarketplaceCommand } = await import('./marketplace-command.ts');
        return connectorsMarketplaceCommand(sub, rest);
      }
      const { connectorsCommand } = await import('./connectors-command.ts');
      return connectorsCommand(sub, rest);
    }
    case 'pages': {
      if (sub !== 'build') break;
      const { pagesBuildCommand } = await import('./pages-command.ts');
      return pagesBuildCommand(loadConfig(), rest);
    }
    case 'connector': {
      if (sub === 'build' || sub === 'publish') {
        const { connectorPackageCommand } = await import('./marketplace-command.ts');
        return connectorPackageCommand(sub, rest);
      }
      if (sub !== 'new') break;
      const { connectorNewCommand } = await import('./connector-new-command.ts');
      return connectorNewCommand(rest);
    }
    case 'secrets': {
      const { secretsCommand } = await import('./secrets-command.ts');
      let config;
      try {
        config = loadConfig();
      } catch (error) {
        process.stderr.write(`wireup: ${(error as Error).message}\n`);
        return 1;
      }
      return secretsCommand(sub, config);
    }
    case undefined:
    case 'help':
      process.stdout.write(usage);
      return 0;
  }
  process.stderr.write(`wireup: unknown command "${argv.join(' ')}"\n\n${usage}`);
  return 2;
}

// `wireup connectors list | head -1`: a reader that stopped reading ends the output, it is not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`wireup: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
