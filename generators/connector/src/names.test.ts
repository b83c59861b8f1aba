import { describe, expect, it } from 'vitest';
import { connectorNames, defaultDisplayName } from './names.ts';
import { ConnectorNameInvalidError } from './errors.ts';

describe('connectorNames', () => {
  it('accepts kebab-case names and derives a display name', () => {
    expect(connectorNames('acme-crm')).toEqual({ name: 'acme-crm', displayName: 'Acme Crm' });
    expect(connectorNames('s3')).toEqual({ name: 's3', displayName: 'S3' });
    expect(connectorNames('google-sheets', '  Google Sheets ')).toEqual({
      name: 'google-sheets',
      displayName: 'Google Sheets',
    });
    expect(defaultDisplayName('x-2-go')).toBe('X 2 Go');
  });

  it('refuses names that are not kebab-case and suggests one', () => {
    expect(() => connectorNames('AcmeCRM')).toThrow(/not kebab-case.*Try "acme-crm"/);
    expect(() => connectorNames('acme_crm')).toThrow(/Try "acme-crm"/);
    expect(() => connectorNames('Acme CRM')).toThrow(ConnectorNameInvalidError);
    expect(() => connectorNames('../etc')).toThrow(ConnectorNameInvalidError);
    expect(() => connectorNames(undefined)).toThrow(/Give the connector a name/);
    expect(() => connectorNames('a'.repeat(51))).toThrow(/keep it to 50/);
  });

  it('refuses display names that would break string literals or markup', () => {
    for (const bad of ["Bob's", 'say "hi"', 'back\\slash', '`tick`', '${x}', '<b>', 'line\nbreak', '-dash']) {
      expect(() => connectorNames('fine', bad), bad).toThrow(ConnectorNameInvalidError);
    }
    expect(connectorNames('fine', 'Acme CRM (EU) & Co.').displayName).toBe('Acme CRM (EU) & Co.');
    expect(connectorNames('fine', 'Zoë Café').displayName).toBe('Zoë Café');
  });
});
