import * as assert from 'node:assert/strict';
import { fromInstructions, replaceableFroms, withFromImage } from '../../../src/ecosystems/dockerfileFrom';

describe('ecosystems/dockerfileFrom: pointing a FROM line at an image', () => {
  const image = 'ghcr.io/octo/base:1.2';

  it('replaces the image and keeps --platform and the stage name', () => {
    const [from] = fromInstructions('# syntax=docker/dockerfile:1\nfrom --platform=$BUILDPLATFORM node:20-alpine AS build\nRUN make\n');
    assert.deepEqual(from, {
      line: 1,
      text: 'from --platform=$BUILDPLATFORM node:20-alpine AS build',
      image: 'node:20-alpine',
      stage: 'build',
    });
    assert.equal(withFromImage(from, image), `from --platform=$BUILDPLATFORM ${image} AS build`);
  });

  it('offers the base-image FROM lines of a multi-stage build, not those that start from an earlier stage', () => {
    const text = 'FROM golang:1.22 AS build\nRUN go build\nFROM build AS test\nFROM gcr.io/distroless/static\nCOPY --from=build /app /\n';
    assert.deepEqual(
      replaceableFroms(text).map((f) => [f.line, f.image]),
      [
        [0, 'golang:1.22'],
        [3, 'gcr.io/distroless/static'],
      ],
    );
  });

  it('leaves continuation lines and Windows line endings intact', () => {
    const text = 'FROM alpine:3 \\\n  AS base\r\nRUN echo FROM x \\\nFROM y\r\nFROM debian:12\r\n';
    const froms = fromInstructions(text);
    assert.deepEqual(
      froms.map((f) => f.image),
      ['debian:12'],
    );
    assert.equal(withFromImage(froms[0], image), `FROM ${image}`);
  });

  it('finds nothing to replace in a file without FROM', () => {
    assert.deepEqual(fromInstructions('RUN echo hi\n# FROM comment\n'), []);
  });
});
