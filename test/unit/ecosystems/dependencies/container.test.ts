import * as assert from 'node:assert/strict';
import { hostedOnGitHub, parseDependencies } from '../../../../src/ecosystems/dependencies';
import { DOTCOM, GHES, seen } from './helpers';

const DIGEST = `sha256:${'a1'.repeat(32)}`;
const DOCKERFILE = `# syntax=docker/dockerfile:1
FROM --platform=$BUILDPLATFORM ghcr.io/mona/hello-world:1.1 AS build
FROM node:20-alpine
from ghcr.io/octo-org/tools/lint@${DIGEST}
FROM ghcr.io/mona/app:\${TAG}
FROM build
`;

const COMPOSE = `services:
  web:
    image: "ghcr.io/mona/hello-world:2.0"   # pinned
  db:
    image: postgres:16
`;

const WORKFLOW = `jobs:
  test:
    container: ghcr.io/mona/devbox/toolchain:main
    services:
      cache:
        image: containers.ghes.example.com/octo-org/cache
    steps:
      - uses: docker://ghcr.io/mona/hello-world:1.0
`;

describe('container images in Dockerfiles, compose files and workflows', () => {
  it('finds FROM images with tag and digest places, skipping stages, variables and images without a registry host', () => {
    assert.deepEqual(seen(DOCKERFILE, parseDependencies('Dockerfile', DOCKERFILE)), [
      { name: 'ghcr.io/mona/hello-world', atName: 'ghcr.io/mona/hello-world', version: '1.1', atVersion: '1.1' },
      { name: 'ghcr.io/octo-org/tools/lint', atName: 'ghcr.io/octo-org/tools/lint', version: '', digest: DIGEST },
    ]);
    assert.equal(parseDependencies('api.Dockerfile', DOCKERFILE).length, 2);
    assert.equal(parseDependencies('Containerfile', DOCKERFILE).length, 2);
  });

  it('maps ghcr.io images to owner and package name (paths allowed) on github.com', () => {
    const hosted = parseDependencies('Dockerfile', DOCKERFILE).map((d) => hostedOnGitHub(d, DOTCOM));
    assert.deepEqual(
      hosted.map((h) => h && [h.owners[0], h.packageName, h.mapped]),
      [
        ['mona', 'hello-world', true],
        ['octo-org', 'tools/lint', true],
      ],
    );
  });

  it('reads quoted compose images and workflow container, service and docker:// images', () => {
    assert.deepEqual(seen(COMPOSE, parseDependencies('docker-compose.yml', COMPOSE)), [
      { name: 'ghcr.io/mona/hello-world', atName: 'ghcr.io/mona/hello-world', version: '2.0', atVersion: '2.0' },
    ]);
    const found = parseDependencies('/repo/.github/workflows/ci.yml', WORKFLOW);
    assert.deepEqual(
      found.map((d) => `${d.name}:${d.version}`),
      ['ghcr.io/mona/devbox/toolchain:main', 'containers.ghes.example.com/octo-org/cache:', 'ghcr.io/mona/hello-world:1.0'],
    );
  });

  it('maps the GitHub Enterprise container host, and keeps ghcr.io only as a candidate there', () => {
    const found = parseDependencies('/repo/.github/workflows/ci.yml', WORKFLOW).map((d) => hostedOnGitHub(d, GHES));
    assert.deepEqual(
      found.map((h) => h && [h.owners[0], h.packageName, h.mapped]),
      [
        ['mona', 'devbox/toolchain', false],
        ['octo-org', 'cache', true],
        ['mona', 'hello-world', false],
      ],
    );
  });

  it('ignores YAML files that are neither compose files nor workflows', () => {
    assert.deepEqual(parseDependencies('/repo/config.yml', COMPOSE), []);
  });
});
