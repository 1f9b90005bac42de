// The app's user: one profile per database (a plan file belongs to one
// person's machine; a review copy is opened in the reviewer's own app). Whatever
// the user does in their own name (comments, replies, responses, sign-off,
// versions, overrides) is credited to this profile.
import type { UserProfile } from '../../../shared/domain';
import type { Db } from './database';
import { now } from './ids';

interface ProfileRow {
  name: string;
  role: string;
  organisation: string;
  email: string;
  updated_at: string;
}

export function createProfileRepository(db: Db) {
  const read = db.prepare<[], ProfileRow>('SELECT name, role, organisation, email, updated_at FROM user_profile WHERE id = 1');
  const upsert = db.prepare(`INSERT INTO user_profile (id, name, role, organisation, email, updated_at)
    VALUES (1, @name, @role, @organisation, @email, @at)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, organisation = excluded.organisation,
      email = excluded.email, updated_at = excluded.updated_at`);

  function get(): UserProfile | null {
    const row = read.get();
    if (!row) return null;
    return { name: row.name, role: row.role, organisation: row.organisation, email: row.email, updatedAt: row.updated_at };
  }

  return {
    /** The profile, or null before the user has set one (first run). */
    get,
    save(input: Omit<UserProfile, 'updatedAt'>): UserProfile {
      upsert.run({ ...input, at: now() });
      return get()!;
    },
    /**
     * How an action is credited: "Name (Role, Organisation)" as far as the profile
     * says, or "The app's user" before a profile is set.
     */
    actor(): string {
      return describeActor(get());
    },
  };
}

export function describeActor(profile: Pick<UserProfile, 'name' | 'role' | 'organisation'> | null): string {
  if (!profile) return "The app's user (no profile set)";
  const about = [profile.role, profile.organisation].filter((part) => part.trim() !== '').join(', ');
  return about ? `${profile.name} (${about})` : profile.name;
}

export type ProfileRepository = ReturnType<typeof createProfileRepository>;
