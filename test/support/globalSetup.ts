import type { TestProject } from "vitest/node";
import { prepareEngineTests } from "./engineTestSetup";

/** The `e2e` project's set-up: see {@link prepareEngineTests}. */
export default function setup(project: TestProject): () => void {
  const { fixtureRoot, remove } = prepareEngineTests();
  project.provide("fixtureRoot", fixtureRoot);
  return remove;
}

declare module "vitest" {
  export interface ProvidedContext {
    fixtureRoot: string;
  }
}
