// The configuration file's name and the client's watcher glob, declared once; pure, bundled into the client too.

/** The configuration file's name, looked for in a checked file's folder and each folder above it. */
export const CONFIG_FILE_NAME = '.nianbao.jsonc';

/** Every configuration file of the workspace (the client's file watcher). */
export const CONFIG_GLOB = `**/${CONFIG_FILE_NAME}`;
