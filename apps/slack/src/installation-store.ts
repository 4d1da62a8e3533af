import {
  type Database,
  deleteInstallation,
  findInstallation,
  saveInstallation,
} from '@breachless/db';
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';

const workspaceOf = (q: {
  isEnterpriseInstall?: boolean | undefined;
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
}) => (q.isEnterpriseInstall ? q.enterpriseId : q.teamId) ?? '';

/**
 * Bolt's installation store in PostgreSQL (table `chat_installations`), so every replica sees
 * every install. A workspace installed for the first time becomes a tenant named after its
 * id (`T0123`); a reinstall keeps the tenant it had, so its history and subscriptions stay.
 */
export function installationStore(db: Database): InstallationStore {
  return {
    async storeInstallation<AuthVersion extends 'v1' | 'v2'>(
      installation: Installation<AuthVersion, boolean>,
    ) {
      const workspace = installation.isEnterpriseInstall
        ? installation.enterprise?.id
        : installation.team?.id;
      if (!workspace) throw new Error('installation names no team or enterprise');
      const existing = await findInstallation(db, 'slack', workspace);
      await saveInstallation(db, {
        platform: 'slack',
        workspace,
        tenant: existing?.tenant ?? workspace,
        installation,
      });
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = await findInstallation(db, 'slack', workspaceOf(query));
      if (!found) throw new Error(`no installation for ${workspaceOf(query)}`);
      return found.installation as Installation<'v1' | 'v2', boolean>;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await deleteInstallation(db, 'slack', workspaceOf(query));
    },
  };
}
