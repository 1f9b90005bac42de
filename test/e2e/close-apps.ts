// Set-up file of the e2e project: after each test file, every app its tests
// launched and did not close (a test that failed first) is closed, with its
// browser and temporary folders, while the worker is still alive to do it.
import { afterAll } from 'vitest';
import { closeOpenApps } from './harness';

afterAll(closeOpenApps);
