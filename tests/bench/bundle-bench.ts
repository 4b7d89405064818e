import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { projectRoot } from '../helpers/server-process';

// The JavaScript a first visit downloads: every script and modulepreload that dist/index.html
// references, gzipped with zlib's default level (what a server's gzip would send).

export interface BundleFigures {
  files: { file: string; bytes: number; gzipBytes: number }[];
  totalBytes: number;
  totalGzipBytes: number;
}

export function buildApp(): void {
  const res = spawnSync(
    path.join(projectRoot, 'node_modules/.bin/vite'),
    ['build', '--logLevel', 'warn'],
    { cwd: projectRoot, encoding: 'utf8' },
  );
  if (res.status !== 0) throw new Error(`vite build failed:\n${res.stdout}${res.stderr}`);
}

export function measureInitialJs(dist = path.join(projectRoot, 'dist')): BundleFigures {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) refs.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g))
    refs.add(m[1]!);
  const files = [...refs].map((ref) => {
    const text = fs.readFileSync(path.join(dist, ref.replace(/^\//, '')));
    return { file: ref, bytes: text.length, gzipBytes: gzipSync(text).length };
  });
  return {
    files,
    totalBytes: files.reduce((n, f) => n + f.bytes, 0),
    totalGzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
  };
}
