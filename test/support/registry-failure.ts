/** An Error naming the step and carrying the registry's status and error body. */
export async function registryFailure(step: string, repo: string, response: Response): Promise<Error> {
  return new Error(`${step} in ${repo} failed: ${response.status} ${await response.text()}`);
}
