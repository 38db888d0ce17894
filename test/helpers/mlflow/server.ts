import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { request } from 'undici';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Where scripts/setup/mlflow-venv.sh puts the venv (MLFLOW_VENV overrides, as in the script). */
export const MLFLOW_VENV = process.env.MLFLOW_VENV ?? join(REPO_ROOT, '.venv', 'mlflow');
export const MLFLOW_BIN = join(MLFLOW_VENV, 'bin', 'mlflow');
export const MLFLOW_PYTHON = join(MLFLOW_VENV, 'bin', 'python');
const TEMPLATE_DB = join(MLFLOW_VENV, 'migrated.db');
/** Starting MLflow imports a lot of Python; on a busy 2-core machine that can take a minute. */
const START_TIMEOUT_MS = 240_000;

export interface MlflowServer {
  uri: string;
  port: number;
  /** Holds mlflow.db, artifacts/ and server.log; removed by `remove`. */
  dir: string;
  readonly pid: number;
  /** SIGKILLs the whole process group (the CLI and its uvicorn worker) and waits for the exit. */
  kill(): Promise<void>;
  /** Starts MLflow again on the same port and the same SQLite file. */
  restart(): Promise<void>;
  /** Kills the server and removes its folder. */
  remove(): Promise<void>;
  /** The last lines MLflow printed, for failure messages. */
  logTail(): string;
}

/** Throws with how to set the venv up when it is missing. */
export function assertMlflowVenv(): void {
  if (!existsSync(MLFLOW_BIN)) {
    throw new Error(
      `MLflow is not installed at ${MLFLOW_VENV}: run scripts/setup/mlflow-venv.sh (it creates the venv with the pinned MLflow; CI runs it before the tests)`,
    );
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** A migrated SQLite file, made once (the venv script makes it; this covers older venvs). */
async function ensureTemplate(): Promise<string> {
  if (existsSync(TEMPLATE_DB)) return TEMPLATE_DB;
  const temp = join(MLFLOW_VENV, `.migrating-${process.pid}.db`);
  await promisify(execFile)(MLFLOW_BIN, ['db', 'upgrade', `sqlite:///${temp}`], {
    env: serverEnv(),
  });
  await rename(temp, TEMPLATE_DB);
  return TEMPLATE_DB;
}

function serverEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // Job execution starts a huey worker that only serves GenAI jobs; it slows startup a lot.
    MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false',
    MLFLOW_DISABLE_TELEMETRY: 'true',
    DO_NOT_TRACK: 'true',
    PYTHONUNBUFFERED: '1',
  };
}

async function healthy(uri: string): Promise<boolean> {
  try {
    const res = await request(`${uri}/health`, { headersTimeout: 2000, bodyTimeout: 2000 });
    await res.body.text();
    return res.statusCode === 200;
  } catch {
    return false;
  }
}

export interface StartMlflowOptions {
  /**
   * Fills the copied database before the server starts (a benchmark loads runs by SQL); gets
   * the SQLite file and the artifact root the server will use.
   */
  prepare?: (dbPath: string, artifactRoot: string) => Promise<void>;
  /**
   * Runs get `mlflow-artifacts:/` URIs served by the tracking server itself (`--serve-artifacts`,
   * files under `<dir>/artifacts`), as the mirror's artifact upload needs.
   */
  proxiedArtifacts?: boolean;
}

/** Starts `mlflow server` on a copy of the migrated SQLite template and waits on /health. */
export async function startMlflowServer(options: StartMlflowOptions = {}): Promise<MlflowServer> {
  assertMlflowVenv();
  const template = await ensureTemplate();
  const dir = await mkdtemp(join(tmpdir(), 'runfacts-mlflow-'));
  const dbPath = join(dir, 'mlflow.db');
  await copyFile(template, dbPath);
  await mkdir(join(dir, 'artifacts'));
  try {
    await options.prepare?.(dbPath, join(dir, 'artifacts'));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const port = await freePort();
  const uri = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = '';

  const launch = async () => {
    log = '';
    const proc = spawn(
      MLFLOW_BIN,
      [
        'server',
        '--backend-store-uri',
        `sqlite:///${dbPath}`,
        ...(options.proxiedArtifacts
          ? ['--serve-artifacts', '--artifacts-destination', join(dir, 'artifacts')]
          : ['--default-artifact-root', join(dir, 'artifacts')]),
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--workers',
        '1',
      ],
      { cwd: dir, env: serverEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    const append = (data: Buffer) => {
      log = (log + data.toString('utf8')).slice(-20_000);
    };
    proc.stdout?.on('data', append);
    proc.stderr?.on('data', append);
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new Error(`mlflow server exited (${proc.exitCode ?? proc.signalCode}):\n${tail()}`);
      }
      if (await healthy(uri)) return;
      await sleep(250);
    }
    await killGroup();
    throw new Error(`mlflow server not healthy at ${uri} after ${START_TIMEOUT_MS} ms:\n${tail()}`);
  };

  const tail = () => log.split('\n').slice(-25).join('\n');

  const killGroup = async () => {
    const proc = child;
    if (proc === null || proc.pid === undefined) return;
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await exited;
    }
    // The uvicorn worker is in the same group; make sure it released the port.
    for (let i = 0; i < 40 && (await healthy(uri)); i++) await sleep(250);
  };

  try {
    await launch();
  } catch (error) {
    await killGroup();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    uri,
    port,
    dir,
    get pid() {
      return (child as ChildProcess | null)?.pid ?? -1;
    },
    kill: killGroup,
    restart: async () => {
      await killGroup();
      await launch();
    },
    remove: async () => {
      await killGroup();
      await rm(dir, { recursive: true, force: true });
    },
    logTail: tail,
  };
}
