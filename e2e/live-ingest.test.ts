/**
 * Real live ingest: Debian's nginx with the RTMP module runs beside Zhongcao on free ports (its
 * on_publish / on_publish_done call Zhongcao's ingest hooks, its HLS goes into a temp folder it
 * serves under /hls/, everything else is proxied to Zhongcao, as docs/LIVE-INGEST.md shows);
 * ffmpeg pushes a generated test pattern with the room's stream key. In Chromium the room
 * switches from its fallback video to the HLS stream and plays it; when the stream stops, it
 * falls back. Needs nginx, libnginx-mod-rtmp and ffmpeg: scripts/ensure-live-ingest.sh.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, recordPageLog, saveArtifacts, type Browser } from './support/browser.ts';
import { call, loginToken } from './support/shopper-api.ts';
import { freePort, startServer, type RunningServer } from './support/server.ts';
import { PATIENCE_MS, waitForPage, waitForValue } from './support/wait.ts';

const NGINX = '/usr/sbin/nginx';
const FFMPEG = '/usr/bin/ffmpeg';
const RTMP_MODULE = '/usr/lib/nginx/modules/ngx_rtmp_module.so';

function nginxConfig(dir: string, rtmpPort: number, httpPort: number, app: string): string {
  return `
load_module ${RTMP_MODULE};
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
rtmp {
  server {
    listen 127.0.0.1:${rtmpPort};
    application live {
      live on;
      on_publish ${app}/api/v1/live/ingest/on_publish;
      on_publish_done ${app}/api/v1/live/ingest/on_unpublish;
      hls on;
      hls_path ${dir}/hls;
      hls_fragment 1s;
      hls_playlist_length 6s;
      hls_cleanup on;
    }
  }
}
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  types { application/vnd.apple.mpegurl m3u8; video/mp2t ts; text/html html; }
  server {
    listen 127.0.0.1:${httpPort};
    location /hls/ { alias ${dir}/hls/; add_header Cache-Control no-cache; }
    location / {
      proxy_pass ${app};
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection upgrade;
      proxy_read_timeout 1h;
    }
  }
}
`;
}

function stopProcess(child: ChildProcess | null, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill(signal);
  });
}

/**
 * Waits until nginx proxies /readyz to Zhongcao; false when it exited because a port was taken and
 * another attempt may be made.
 */
async function nginxProxying(
  nginx: ChildProcess,
  origin: string,
  log: () => string,
  mayRetry: boolean,
): Promise<boolean> {
  const until = Date.now() + 10_000;
  for (;;) {
    if (nginx.exitCode !== null || nginx.signalCode !== null) {
      if (mayRetry && /Address already in use/i.test(log())) return false;
      throw new Error(`nginx exited: ${log()}`);
    }
    const ok = await fetch(`${origin}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    if (Date.now() > until) throw new Error(`nginx did not proxy to Zhongcao within 10 s: ${log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('real live ingest (nginx-rtmp and ffmpeg)', () => {
  let server: RunningServer | null = null;
  let browser: Browser | null = null;
  let nginx: ChildProcess | null = null;
  let ffmpeg: ChildProcess | null = null;
  let dir = '';
  let origin = '';
  let rtmpPort = 0;
  let nginxLog = '';

  before(
    async () => {
      for (const path of [NGINX, FFMPEG, RTMP_MODULE]) {
        if (!existsSync(path))
          throw new Error(
            `${path} is missing: run scripts/ensure-live-ingest.sh (root) to install nginx, libnginx-mod-rtmp and ffmpeg`,
          );
      }
      server = await startServer();
      dir = await mkdtemp(join(tmpdir(), 'zhongcao-ingest-'));
      mkdirSync(join(dir, 'hls'));
      chmodSync(dir, 0o755);
      chmodSync(join(dir, 'hls'), 0o777); // nginx's worker may run as another user than its master
      // The ports are probed free and then bound by nginx: a file running beside this one may take
      // one in between, and nginx then exits (bind failed); it starts again on new ports.
      for (let attempt = 1; ; attempt++) {
        rtmpPort = await freePort();
        const httpPort = await freePort();
        writeFileSync(join(dir, 'nginx.conf'), nginxConfig(dir, rtmpPort, httpPort, server.url));
        nginxLog = '';
        const started = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
        nginx = started;
        started.stdout!.on('data', (d) => (nginxLog += d));
        started.stderr!.on('data', (d) => (nginxLog += d));
        origin = `http://127.0.0.1:${httpPort}`;
        const errorLog = join(dir, 'error.log');
        const log = () => nginxLog + (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '');
        if (await nginxProxying(started, origin, log, attempt < 3)) break;
        rmSync(errorLog, { force: true }); // the next attempt's log starts empty
      }
      browser = await launchBrowser(origin);
    },
    { timeout: 180_000 },
  );

  after(
    async () => {
      await stopProcess(ffmpeg, 'SIGKILL');
      await browser?.close();
      await stopProcess(nginx, 'SIGQUIT');
      await server?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
    { timeout: 60_000 },
  );

  test('a pushed stream replaces the room’s fallback video with HLS in Chromium, and stopping it falls back', {
    timeout: 300_000, // four waits of up to a minute each, on a machine shared with another browser file
  }, async () => {
    const base = server!.url;
    const demo = (await call(base, 'GET', '/api/v1/demo')).logins.find(
      (l: { role: string }) => l.role === 'creator',
    ) as { login: string; password: string };
    const host = await loginToken(base, demo.login, demo.password);
    const room = await call(base, 'POST', '/api/v1/live/rooms', {
      token: host.token,
      body: { title: '推流测试 · 实时画面' },
    });
    await call(base, 'POST', `/api/v1/live/rooms/${room.id}/open`, { token: host.token });
    const key = await call(base, 'POST', `/api/v1/live/rooms/${room.id}/stream-key`, { token: host.token });
    assert.equal(key.streamName, room.id);

    const page = await browser!.context.newPage();
    const log = recordPageLog(page);
    try {
      await page.goto(`/app/live/${room.id}`);
      await page.locator('[data-testid="live-video"][data-source="fallback"]').waitFor();

      // The host goes on air: ffmpeg pushes a generated test pattern with the stream key.
      let ffmpegLog = '';
      ffmpeg = spawn(
        FFMPEG,
        [
          '-hide_banner',
          '-loglevel',
          'warning',
          '-re',
          '-f',
          'lavfi',
          '-i',
          'testsrc=size=320x240:rate=15',
          '-an',
          '-c:v',
          'libx264',
          '-preset',
          'ultrafast',
          '-tune',
          'zerolatency',
          '-pix_fmt',
          'yuv420p',
          '-g',
          '15',
          '-f',
          'flv',
          `rtmp://127.0.0.1:${rtmpPort}/live/${key.streamKey}`,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      ffmpeg.stderr!.on('data', (d) => (ffmpegLog += d));
      const withLogs = (err: Error) => {
        throw new Error(`${err.message}\nffmpeg: ${ffmpegLog}\nnginx: ${nginxLog}`);
      };
      // nginx admits the publisher (on_publish) before it has written the first segments, so the
      // room names its stream a second or two before the playlist exists; the player falls back
      // meanwhile and tries again. Wait for what counts: the HLS stream playing, its frames advancing
      // (the fallback video plays too, so time alone does not tell them apart).
      await waitForValue(
        async () => (await call(base, 'GET', `/api/v1/live/rooms/${room.id}`)).playback.hlsUrl as string | null,
        (hlsUrl) => hlsUrl !== null,
        'the room to name its HLS stream (nginx’s on_publish reaching Zhongcao)',
      ).then((hlsUrl) => assert.equal(hlsUrl, `/hls/${room.id}.m3u8`), withLogs);
      await waitForPage(
        page,
        'the room’s video to play the HLS stream (data-source="hls", currentTime past 0.5 s, a frame decoded)',
        () => {
          const el = document.querySelector<HTMLVideoElement>('[data-testid="live-video"]');
          return el?.dataset.source === 'hls' && el.currentTime > 0.5 && el.readyState >= 2;
        },
      ).catch(withLogs);

      // The stream stops: nginx tells Zhongcao, and the room falls back to its video.
      await stopProcess(ffmpeg, 'SIGKILL');
      await waitForValue(
        async () => (await call(base, 'GET', `/api/v1/live/rooms/${room.id}`)).playback.hlsUrl as string | null,
        (hlsUrl) => hlsUrl === null,
        'the room to drop its HLS stream (nginx’s on_publish_done reaching Zhongcao)',
      ).catch(withLogs);
      await page.locator('[data-testid="live-video"][data-source="fallback"]').waitFor({ timeout: PATIENCE_MS });
    } catch (error) {
      const png = await saveArtifacts(page, 'live-ingest', log);
      const hls = existsSync(join(dir, 'hls')) ? readdirSync(join(dir, 'hls')).join(' ') : '(none)';
      const errors = existsSync(join(dir, 'error.log'))
        ? readFileSync(join(dir, 'error.log'), 'utf8').slice(-2000)
        : '';
      const state = await page
        .evaluate(() => {
          const el = document.querySelector<HTMLVideoElement>('[data-testid="live-video"]');
          return el
            ? {
                source: el.dataset.source,
                currentTime: el.currentTime,
                readyState: el.readyState,
                paused: el.paused,
                src: el.currentSrc,
                error: el.error?.message ?? null,
              }
            : null;
        })
        .catch(() => null);
      if (error instanceof Error)
        error.message += `\nscreenshot: ${png}\nvideo: ${JSON.stringify(state)}\nHLS folder: ${hls}\nnginx error.log: ${errors}\n${log.slice(-20).join('\n')}`;
      throw error;
    } finally {
      await page.close().catch(() => {});
    }
  });
});
