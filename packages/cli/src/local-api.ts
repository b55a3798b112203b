export interface LocalApi {
  url: string;
  /** How the API was reached, for the run header. */
  description?: string;
  stop(): Promise<void>;
}

/**
 * The GitHub API the run talks to: the one given, else the emulator started in this process
 * with its state in a file, so deployments recorded by one run are there for the next.
 */
export async function startLocalApi(options: { url?: string; stateFile: string }): Promise<LocalApi> {
  if (options.url) return { url: options.url.replace(/\/$/, ''), description: 'given', stop: async () => {} };
  // Loaded only when needed: the emulator reads GitHub's whole OpenAPI description at start.
  const { startGitHubEmulator } = await import('@paved/github-emulator');
  const emulator = await startGitHubEmulator({ autoCreate: true, stateFile: options.stateFile });
  return {
    url: emulator.url,
    description: `emulator, state in ${options.stateFile}`,
    stop: () => emulator.stop(),
  };
}
