export * from './workspaceIndex';
export * from './glob';
