// The base images a generated Dockerfile builds on. On GitHub: the official images, pinned by
// digest (Dependabot's docker ecosystem keeps the pins fresh). On the local stack, whose engine
// cannot pull, `paved stack up` builds stand-ins from this machine's runtimes and hands them
// over through the PAVED_BUILD_ARGS variable, which overrides these defaults.
export const OFFICIAL_BASE_IMAGES = {
  NODE_BASE: 'node:24-bookworm-slim@sha256:6f7b03f7c2c8e2e784dcf9295400527b9b1270fd37b7e9a7285cf83b6951452d',
  PYTHON_BASE: 'python:3.12-slim-bookworm@sha256:782412e85d0f0984994c290652577d4018aff08145c85b262bb63dc0c7522254',
  GO_BUILD: 'golang:1.24-bookworm@sha256:1a6d4452c65dea36aac2e2d606b01b4a029ec90cc1ae53890540ce6173ea77ac',
} as const;
