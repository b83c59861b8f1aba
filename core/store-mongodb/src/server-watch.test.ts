import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { MongoClient } from 'mongodb';
import { watchServers } from './server-watch.ts';

const change = (from: string, to: string, error?: Error) => ({
  address: '127.0.0.1:27017',
  previousDescription: { type: from, error: from === 'Unknown' ? (error ?? null) : null },
  newDescription: { type: to, error: to === 'Unknown' ? (error ?? null) : null },
});

describe('watchServers', () => {
  it('logs a server lost once, and its return once, however many heartbeats fail between', () => {
    const client = new EventEmitter();
    const lines: Array<[string, Record<string, unknown>, string]> = [];
    const record = (level: string) => (fields: Record<string, unknown>, message: string) => {
      lines.push([level, fields, message]);
    };
    watchServers(client as unknown as MongoClient, {
      error: record('error'),
      warn: record('warn'),
      info: record('info'),
      debug: record('debug'),
    });
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:27017');
    client.emit('serverDescriptionChanged', change('Unknown', 'Standalone')); // first connection: nothing to say
    client.emit('serverDescriptionChanged', change('Standalone', 'Unknown', refused));
    client.emit('serverDescriptionChanged', change('Unknown', 'Unknown', refused));
    client.emit('serverDescriptionChanged', change('Unknown', 'Standalone', refused));
    expect(lines).toEqual([
      ['error', { server: '127.0.0.1:27017', err: refused }, 'MongoDB server unreachable'],
      ['info', { server: '127.0.0.1:27017', type: 'Standalone' }, 'MongoDB server reachable again'],
    ]);
  });
});
