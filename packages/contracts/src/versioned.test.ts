import { describe, expect, it } from 'vitest';
import { KnowledgeDocument } from './knowledge.js';
import { Offer } from './offer.js';
import { FxTable, RailTable } from './rails.js';
import { ScheduledVersionFields, VERSION_FIELD_NAMES, VersionFields } from './versioned.js';

describe('versioned content', () => {
  const kinds = { Offer, KnowledgeDocument, RailTable, FxTable };

  it.each(Object.entries(kinds))(
    '%s carries the workflow fields of VersionFields, the same schemas',
    (_, schema) => {
      for (const [name, field] of Object.entries(VersionFields.shape)) {
        expect(schema.shape, name).toHaveProperty(name);
        expect((schema.shape as Record<string, unknown>)[name], name).toBe(field);
      }
    },
  );

  it('offers and documents can also be scheduled and rolled back', () => {
    for (const schema of [Offer, KnowledgeDocument]) {
      for (const name of ['scheduledPublishAt', 'scheduledBy', 'restoredFrom'] as const) {
        expect((schema.shape as Record<string, unknown>)[name]).toBe(ScheduledVersionFields.shape[name]);
      }
    }
  });

  it('names every workflow field once, for diffs and imports to leave out', () => {
    expect([...VERSION_FIELD_NAMES].sort()).toEqual(Object.keys(ScheduledVersionFields.shape).sort());
    expect(VERSION_FIELD_NAMES).toContain('status');
    expect(VERSION_FIELD_NAMES).not.toContain('id');
  });
});
