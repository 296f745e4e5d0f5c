/** Seeds shared drives from the fixture: each made by its organizer, with members and files, as the API would make them. */
import type { Tenant } from '../../../../src/core/tenant.js';
import { permissions, type Role } from '../../store.js';
import { createSharedDrive } from './drives.js';
import { createFile, displayNameOf, permissionIdFor } from './files.js';

export interface SeedSharedDrive {
  name: string;
  organizer: string;
  members?: Array<{ email: string; role: Extract<Role, 'organizer' | 'fileOrganizer' | 'writer' | 'commenter' | 'reader'> }>;
  files?: Array<{ name: string; content?: string; mimeType?: string; by?: string }>;
}

export function seedSharedDrives(t: Tenant, drives: SeedSharedDrive[], addr: (e: string) => string): void {
  drives.forEach((d, i) => {
    const organizer = addr(d.organizer);
    const drive = createSharedDrive(t, organizer, `seed-${i}`, d.name);
    for (const m of d.members ?? []) {
      const email = addr(m.email);
      permissions(t, drive.id).put({ id: permissionIdFor(t, email), type: 'user', role: m.role, emailAddress: email, displayName: displayNameOf(t, email) });
    }
    for (const f of d.files ?? []) {
      createFile(t, {
        name: f.name,
        mimeType: f.mimeType ?? 'text/plain',
        parents: [drive.id],
        driveId: drive.id,
        owner: addr(f.by ?? d.organizer),
        content: new TextEncoder().encode(f.content ?? ''),
      });
    }
  });
}
