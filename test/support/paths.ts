// Paths for tests compiled to out/test/**: the repo root and ../shared beside it.
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../../..');
export const SHARED = path.resolve(REPO, '../shared');
export const SEEDS = path.join(SHARED, 'seeds');
export const SEED = {
  s000: path.join(SEEDS, '000_38967d40d03fbadc.txt'),
  s001: path.join(SEEDS, '001_25f0704815ae6a25.txt'),
  s002: path.join(SEEDS, '002_9dc727e9681ee325.txt'),
  s003: path.join(SEEDS, '003_e2fa77db0fb12909.txt'),
  s004: path.join(SEEDS, '004_97c0cbec448c6c98.txt'),
};
