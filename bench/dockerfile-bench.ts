import { DockerfileParser } from 'dockerfile-ast';
import { discoverDependencies } from '../src/dockerfile';
import { generateDockerfiles } from './dockerfile-corpus';
import { elapsedMs, median, numericArgs, printRows } from './stats';

/**
 * Discovery throughput over a generated corpus against a bare dockerfile-ast parse of the same
 * corpus, interleaved round by round so both see the same machine noise.
 */
export async function runDockerfileBench(args: string[]): Promise<void> {
  const { files, rounds } = numericArgs(args, { files: 250, rounds: 15 });
  const corpus = generateDockerfiles(files);
  const options = { buildArgs: { VARIANT: 'slim' }, platform: 'linux/amd64' };
  let sink = 0;
  const bare = () => corpus.forEach((text) => { sink += DockerfileParser.parse(text).getInstructions().length; });
  const discover = () => corpus.forEach((text) => { sink += discoverDependencies(text, options).dependencies.length; });
  bare();
  discover();

  const bareRates: number[] = [];
  const discoverRates: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    let started = process.hrtime.bigint();
    bare();
    bareRates.push(files / (elapsedMs(started) / 1000));
    started = process.hrtime.bigint();
    discover();
    discoverRates.push(files / (elapsedMs(started) / 1000));
  }
  const dependencies = corpus.reduce((n, text) => n + discoverDependencies(text, options).dependencies.length, 0);
  const bareRate = median(bareRates);
  const discoverRate = median(discoverRates);
  console.log(`dockerfile: ${files} Dockerfiles, ${dependencies} dependencies found, ${rounds} interleaved rounds (median)`);
  printRows([
    { measure: 'bare dockerfile-ast parse (baseline)', 'Dockerfiles/s': Math.round(bareRate) },
    { measure: 'discoverDependencies', 'Dockerfiles/s': Math.round(discoverRate) },
  ]);
  console.log(`ratio discover / bare parse: ${(discoverRate / bareRate).toFixed(2)} (target >= 0.5)${sink < 0 ? '' : ''}`);
}
