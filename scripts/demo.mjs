// `npm run demo` will run the whole pipeline on the local stack: deploy a good release, catch a
// bad one with the quality gate, roll it back. It arrives with the templates and local-runner
// issue; until then it says so and fails, so nobody mistakes it for a passing demo.
process.stderr.write(
  'npm run demo is not available yet: the pipeline demo arrives with the workflow templates and the paved local runner.\n' +
    'What works today: npm ci && npm test.\n',
);
process.exit(1);
