import { registryLocation } from './registry-manifests.js';

describe('registryLocation', () => {
  it.each([
    ['127.0.0.1:5000/team/app:1.0', { host: '127.0.0.1:5000', repository: 'team/app', reference: '1.0' }],
    ['registry.example.com/app', { host: 'registry.example.com', repository: 'app', reference: 'latest' }],
    ['localhost/app@sha256:abc', { host: 'localhost', repository: 'app', reference: 'sha256:abc' }],
    ['host:5000/app:1@sha256:abc', { host: 'host:5000', repository: 'app', reference: 'sha256:abc' }],
    ['busybox', { host: 'registry-1.docker.io', repository: 'library/busybox', reference: 'latest' }],
    ['team/app:2', { host: 'registry-1.docker.io', repository: 'team/app', reference: '2' }],
  ])('%s', (ref, location) => {
    expect(registryLocation(ref)).toEqual(location);
  });
});
